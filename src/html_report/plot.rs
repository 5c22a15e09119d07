//! The inline SVG plot of tasks solved against attempts per task (log₂ axis).

use super::curve::RunCurve;
use super::page::escape;
use std::fmt::Write as _;

const W: f64 = 760.0;
const H: f64 = 300.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 220.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// One line of the plot.
struct Series<'a> {
    name: &'a str,
    colour: &'a str,
    dashed: bool,
    values: Vec<f64>,
}

fn polyline(
    out: &mut String,
    series: &Series<'_>,
    xs: &[f64],
    y: &dyn Fn(f64) -> f64,
    k: &[usize],
) {
    let points: Vec<String> = xs
        .iter()
        .zip(&series.values)
        .map(|(x, v)| format!("{x:.1},{:.1}", y(*v)))
        .collect();
    let dash = if series.dashed {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{dash} points=\"{}\"/>",
        series.colour,
        points.join(" ")
    );
    for ((x, v), k) in xs.iter().zip(&series.values).zip(k) {
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{}\"><title>{}: {} at {k} attempt(s) per task</title></circle>",
            y(*v),
            series.colour,
            escape(series.name),
            trim(*v)
        );
    }
}

fn trim(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// The SVG element.
pub fn svg(curve: &RunCurve) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"plot\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" \
         aria-label=\"tasks solved against attempts per task\">"
    );
    if curve.k.is_empty() {
        out.push_str("<text x=\"20\" y=\"40\">no attempts</text></svg>");
        return out;
    }
    let mut series = Vec::new();
    if curve.scored_tasks > 0 {
        series.push(Series {
            name: "pass@2 (weighted vote)",
            colour: "#0074D9",
            dashed: false,
            values: curve.pass2.clone(),
        });
        series.push(Series {
            name: "oracle (any attempt right)",
            colour: "#FF851B",
            dashed: false,
            values: curve.oracle.clone(),
        });
    }
    series.push(Series {
        name: "train-perfect program",
        colour: "#2ECC40",
        dashed: true,
        values: curve.train_perfect.iter().map(|&t| t as f64).collect(),
    });
    let y_max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(1.0f64, f64::max);
    // A round top: 1, 2, 5 × 10^n.
    let mag = 10f64.powf(y_max.log10().floor());
    let top = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|t| *t >= y_max)
        .unwrap_or(y_max);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let y = move |v: f64| TOP + plot_h * (1.0 - v / top);
    let last = *curve.k.last().unwrap_or(&1) as f64;
    let span = last.log2().max(1.0);
    let xs: Vec<f64> = curve
        .k
        .iter()
        .map(|&k| LEFT + plot_w * (k as f64).log2() / span)
        .collect();
    // Axes and grid.
    for i in 0..=4 {
        let v = top * f64::from(i) / 4.0;
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tick\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            y(v) + 4.0,
            trim(v),
            yy = y(v)
        );
    }
    let last_x = *xs.last().unwrap_or(&LEFT);
    for (i, (x, k)) in xs.iter().zip(&curve.k).enumerate() {
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#eee\"/>",
            TOP + plot_h
        );
        // A label too close to the last one (the run's largest count) is left out.
        if i + 1 == xs.len() || last_x - x >= 26.0 {
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{k}</text>",
                TOP + plot_h + 16.0
            );
        }
    }
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axis\">attempts per task</text>\
         <text x=\"14\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 14 {:.1})\">tasks (of {})</text>",
        LEFT + plot_w / 2.0,
        H - 4.0,
        TOP + plot_h / 2.0,
        TOP + plot_h / 2.0,
        curve.tasks
    );
    let k = curve.k.clone();
    for s in &series {
        polyline(&mut out, s, &xs, &y, &k);
    }
    for (i, s) in series.iter().enumerate() {
        let ly = TOP + 12.0 + 22.0 * i as f64;
        let lx = W - RIGHT + 12.0;
        let dash = if s.dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<line x1=\"{lx}\" x2=\"{:.1}\" y1=\"{ly:.1}\" y2=\"{ly:.1}\" stroke=\"{}\" stroke-width=\"2.5\"{dash}/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"legend\">{}</text>",
            lx + 22.0,
            s.colour,
            lx + 28.0,
            ly + 4.0,
            escape(s.name)
        );
    }
    out.push_str("</svg>");
    out
}
