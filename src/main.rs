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

/// mimalloc's `mi_option_purge_delay` (the same number in its v2 and v3 `mi_option_t`;
/// libmimalloc-sys names only some options). A test checks it is the option whose
/// default is v3's purge delay.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For a process that builds again and again (`gongbo serve`): memory a rebuild frees
/// stays the process's for the next one instead of going back to the system a second
/// later. Given back, every rebuild of a 10,000-release site faulted its memory in
/// again (page faults and `madvise` were a fifth of the rebuild's main thread under
/// `perf`); kept, serve holds what its largest build needed, as a build does while it
/// runs.
fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options to a value it documents (-1: never
    // purge); it takes effect for frees from then on and does not touch allocations.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// For a process that builds once (`gongbo build`, `gongbo check`): memory a stage frees
/// goes back to the system a tenth of a second later instead of a second (mimalloc v3's
/// default). A clean build of 10,000 releases frees its sources and bodies stage by stage
/// while the pages are made; with the default delay what it had freed was still resident
/// when the render stage peaked (464–577 MiB over six runs; 443–464 MiB at 100 ms and 25
/// ms, in the same time: benches/README.md).
fn give_back_freed_memory_soon() {
    // SAFETY: as in `keep_freed_memory`: a documented value (milliseconds) for an option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 100) };
}

fn main() {
    let cli = cli::Cli::parse();
    // The language of every message, from `--locale` or the environment's locale.
    let lang = cli.lang();
    let code = match cli.command {
        cli::Command::Build(args) => {
            give_back_freed_memory_soon();
            args.run(lang)
        }
        cli::Command::Check(args) => {
            give_back_freed_memory_soon();
            args.run(lang)
        }
        cli::Command::New(cmd) => cmd.run(lang),
        cli::Command::Serve(args) => {
            keep_freed_memory();
            args.run(lang)
        }
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
    fn the_purge_delay_option_is_mimallocs() {
        // SAFETY: reads an option.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        // mimalloc v3's default purge delay (ms), unless the environment sets one.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(default, 1000);
        }
        let now = || {
            // SAFETY: reads an option.
            unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) }
        };
        super::give_back_freed_memory_soon();
        assert_eq!(now(), 100);
        super::keep_freed_memory();
        assert_eq!(now(), -1);
    }

    #[test]
    fn verify_app() {
        super::cli::Cli::command().debug_assert();
    }
}
