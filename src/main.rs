//! The `gongbo` binary: parse the command line and run the command.

mod cli;

use clap::Parser;

// A build allocates millions of short-lived strings and maps (template values, search
// terms) from two threads at once; mimalloc spends less time on them than glibc's malloc
// (measured with `perf record` on benches/bench.sh's corpus). Without transparent huge
// pages (Cargo.toml: `no_thp`): the kernel zeroing 2 MB pages was half of a small
// rebuild's time (docs/dependencies.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = cli::Cli::parse();
    // The language of every message, from `--locale` or the environment's locale.
    let lang = cli.lang();
    let code = match cli.command {
        cli::Command::Build(args) => args.run(lang),
        cli::Command::Check(args) => args.run(lang),
        cli::Command::New(cmd) => cmd.run(lang),
        cli::Command::Serve(args) => args.run(lang),
        cli::Command::Init(args) => args.run(lang),
        cli::Command::Theme(cmd) => cmd.run(lang),
        cli::Command::Cms(cmd) => cmd.run(lang),
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
