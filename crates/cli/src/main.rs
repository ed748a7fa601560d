//! The `folio` command. All the work is in the `folio_cli` library; this only
//! parses the command line, runs it, and turns an error into one line and an
//! exit code.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

fn main() -> ExitCode {
    let cli = folio_cli::Cli::parse();
    let what = match &cli.command {
        folio_cli::Command::Build(args) => format!("building {}", args.input.display()),
        folio_cli::Command::Check(args) => format!("checking {}", args.bundle.display()),
        folio_cli::Command::Synth(args) => format!("writing {}", args.output.display()),
    };
    let result =
        folio_cli::run(cli, &mut std::io::stdout(), &mut std::io::stderr()).map_err(anyhow::Error::new);
    match result.context(what) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            let code = err.downcast_ref::<folio_cli::Error>().map_or(1, folio_cli::Error::exit_code);
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}
