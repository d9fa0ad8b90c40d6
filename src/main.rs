//! The `gongbo` binary: parse the command line and run the command.

mod cli;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let code = match cli.command {
        cli::Command::Build(args) => args.run(),
        cli::Command::Check(args) => args.run(),
        cli::Command::New(cmd) => cmd.run(),
        cli::Command::Serve(args) => args.run(),
    };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_app() {
        super::cli::Cli::command().debug_assert();
    }
}
