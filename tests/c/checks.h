/*
 * checks.h - the counted checks of the C parameter tests (tests/c/url,
 * tests/c/cookies): each failed check prints a "FAIL" line, and the
 * program ends with "N passed, N failed" (read by the Rust test that runs
 * it). Built natively against OpenINet's wininet.h and with mingw for Wine.
 */
#ifndef OPENINET_TESTS_CHECKS_H
#define OPENINET_TESTS_CHECKS_H

#ifdef _WIN32
#include <windows.h>
#endif
#include <wininet.h>
#include <stdio.h>
#include <string.h>

/* Code that runs only against OpenINet (facts Wine 8 does not share). */
#ifdef _WIN32
#define NOT_UNDER_WINE(x) do { } while (0)
#else
#define NOT_UNDER_WINE(x) do { x; } while (0)
#endif

static int passed, failed;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (cond) passed++;                                                  \
        else {                                                               \
            failed++;                                                        \
            printf("FAIL %s:%d: %s: ", __func__, __LINE__, #cond);           \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
        }                                                                    \
    } while (0)

/* A BOOL call that must fail with `err`. */
#define FAILS_WITH(call, err)                                                \
    do {                                                                     \
        BOOL r_;                                                             \
        DWORD e_;                                                            \
        SetLastError(0xdeadbeef);                                            \
        r_ = (call);                                                         \
        e_ = GetLastError();                                                 \
        CHECK(!r_ && e_ == (DWORD)(err), "%s: r=%d err=%lu", #call, (int)r_, \
              (unsigned long)e_);                                            \
    } while (0)

#endif
