//! The plot: each client's median as a ratio to libcurl's, per workload,
//! as grouped bars with a line at 1.0 (libcurl).

use crate::report::Cell;
use crate::runner::{Client, Workload};
use plotters::prelude::*;
use std::path::Path;

const COLOURS: [RGBColor; 5] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x7f, 0x7f, 0x7f),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xd6, 0x27, 0x28),
];

pub fn ratios(
    path: &Path,
    works: &[Workload],
    clients: &[Client],
    cells: &[Cell],
) -> Result<(), Box<dyn std::error::Error>> {
    let ratio = |w: &str, c: &str| {
        cells
            .iter()
            .find(|x| x.workload == w && x.client == c)
            .and_then(|x| x.ratio)
    };
    let top = works
        .iter()
        .flat_map(|w| clients.iter().filter_map(move |c| ratio(w.name, c.name)))
        .fold(1.2f64, f64::max)
        * 1.1;
    let root = SVGBackend::new(path, (1000, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let names: Vec<String> = works.iter().map(|w| w.name.to_string()).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "median throughput / libcurl's (higher is better)",
            ("sans-serif", 20),
        )
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(0f64..works.len() as f64, 0f64..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(works.len() * 2 + 1)
        .x_label_formatter(&|x| {
            let i = x.floor() as usize;
            if (x - x.floor() - 0.5).abs() < 0.01 && i < names.len() {
                names[i].clone()
            } else {
                String::new()
            }
        })
        .y_desc("ratio to libcurl")
        .draw()?;
    let width = 0.8 / clients.len() as f64;
    for (ci, c) in clients.iter().enumerate() {
        let colour = COLOURS[ci % COLOURS.len()];
        let bars: Vec<Rectangle<(f64, f64)>> = works
            .iter()
            .enumerate()
            .filter_map(|(wi, w)| {
                let r = ratio(w.name, c.name)?;
                let x0 = wi as f64 + 0.1 + ci as f64 * width;
                Some(Rectangle::new(
                    [(x0, 0.0), (x0 + width * 0.9, r)],
                    colour.filled(),
                ))
            })
            .collect();
        chart
            .draw_series(bars)?
            .label(c.label)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
    }
    chart.draw_series(LineSeries::new(
        [(0.0, 1.0), (works.len() as f64, 1.0)],
        BLACK.stroke_width(1),
    ))?;
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperRight)
        .draw()?;
    root.present()?;
    Ok(())
}
