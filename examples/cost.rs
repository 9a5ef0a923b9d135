//! What each activation costs, natively: `cargo run --release --example cost [-- relu,gelu,...]`.
//!
//! Runs the Explorer's cost measurement (`domain::cost`, the same plan, samples and statistics
//! as the page's "Measure cost") with the default configuration on the activations given (the
//! lesson's relu,gelu,tanh,mish by default; `all` for all 24, four at a time as the page can
//! show) and prints, per activation and item, the median time (ms per million values, ms per
//! epoch for the epoch) and the median and min–max as a multiple of ReLU's.

use std::time::Instant;

use activation_lab::domain::activation::Activation;
use activation_lab::domain::cost::stats::{ms_text, ratio_text};
use activation_lab::domain::cost::{CostConfig, CostJob, CostKind};

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "relu,gelu,tanh,mish".to_string());
    let all: Vec<Activation> = if arg == "all" {
        Activation::ALL.to_vec()
    } else {
        match arg.split(',').map(Activation::parse).collect::<Result<Vec<_>, _>>() {
            Ok(list) => list,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
    };
    let origin = Instant::now();
    let mut clock = move || origin.elapsed().as_secs_f64() * 1000.0;
    let heads: Vec<String> = CostKind::ALL.iter().map(|k| format!("{:>30}", k.label())).collect();
    println!("{:<22}{}", "activation", heads.join(""));
    for shown in all.chunks(4) {
        let started = clock();
        let mut job = CostJob::new(shown, CostConfig::default());
        while !job.done() {
            job.run_for(10.0, &mut clock);
        }
        let report = job.report();
        for row in &report.rows {
            let cells: Vec<String> = CostKind::ALL
                .iter()
                .map(|&k| match row.cell(k) {
                    Some(c) => {
                        let r = c.ratio.map_or("—".to_string(), |r| {
                            format!("{} ({}–{})", ratio_text(r.median), ratio_text(r.min), ratio_text(r.max))
                        });
                        format!("{:>30}", format!("{} {r}", ms_text(c.ms.median)))
                    }
                    None => format!("{:>30}", "—"),
                })
                .collect();
            println!("{:<22}{}", row.label(), cells.join(""));
        }
        println!("({} rounds, {:.1} s)", report.rounds, (clock() - started) / 1000.0);
    }
}
