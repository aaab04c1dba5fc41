//! The plot: each client's median as a ratio to libcurl's, per workload,
//! as grouped bars with a line at 1.0 (libcurl). The legend sits in its
//! own column right of the plot area, so it never covers a bar.

use crate::report::Cell;
use crate::runner::{Client, Workload};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

const COLOURS: [RGBColor; 5] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x7f, 0x7f, 0x7f),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xd6, 0x27, 0x28),
];

/// The plot area's width, and the legend column's right of it (pixels).
const PLOT_WIDTH: u32 = 900;
const LEGEND_WIDTH: u32 = 230;

/// One swatch and label per client, top-down, level with the plot's top.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    clients: &[Client],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x, top, line) = (8, 48, 24);
    let style =
        TextStyle::from(("sans-serif", 15).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
    for (ci, c) in clients.iter().enumerate() {
        let colour = COLOURS[ci % COLOURS.len()];
        let y = top + ci as i32 * line;
        area.draw(&Rectangle::new(
            [(x, y - 6), (x + 14, y + 6)],
            colour.filled(),
        ))?;
        area.draw(&Text::new(c.label, (x + 22, y), style.clone()))?;
    }
    let bottom = top + clients.len() as i32 * line - line / 2 + 6;
    area.draw(&Rectangle::new(
        [
            (x - 6, top - line / 2 - 2),
            (LEGEND_WIDTH as i32 - 8, bottom),
        ],
        BLACK.stroke_width(1),
    ))?;
    Ok(())
}

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
    let root = SVGBackend::new(path, (PLOT_WIDTH + LEGEND_WIDTH, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot_area, legend_area) = root.split_horizontally(PLOT_WIDTH);
    let names: Vec<String> = works.iter().map(|w| w.name.to_string()).collect();
    let mut chart = ChartBuilder::on(&plot_area)
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
        chart.draw_series(bars)?;
    }
    chart.draw_series(LineSeries::new(
        [(0.0, 1.0), (works.len() as f64, 1.0)],
        BLACK.stroke_width(1),
    ))?;
    legend(&legend_area, clients)?;
    root.present()?;
    Ok(())
}
