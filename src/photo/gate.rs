//! A memory budget for decoding: each decode takes a share sized by its pixels and
//! waits while the shares in use would pass the budget, so any number of threads
//! processing photos hold at most the budget in decoded pixels at once (a single photo
//! bigger than the whole budget still runs, alone). Hand-written: a counting semaphore
//! over a mutex and condition variable is a dozen lines, and no maintained crate offers
//! a blocking weighted one without an async runtime.

use std::sync::{Condvar, Mutex, MutexGuard};

#[derive(Debug)]
pub(crate) struct Gate {
    budget: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// A share of the budget, given back when dropped (also when a decode panics).
#[derive(Debug)]
pub(crate) struct Share<'a> {
    gate: &'a Gate,
    weight: u64,
}

impl Gate {
    pub fn new(budget: u64) -> Self {
        Gate {
            budget: budget.max(1),
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Waits until `weight` bytes fit in the budget, then takes them.
    pub fn enter(&self, weight: u64) -> Share<'_> {
        let weight = weight.clamp(1, self.budget);
        let mut used = self.lock();
        while *used + weight > self.budget {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += weight;
        Share { gate: self, weight }
    }

    fn lock(&self) -> MutexGuard<'_, u64> {
        self.used.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[cfg(test)]
    fn used(&self) -> u64 {
        *self.lock()
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        *self.gate.lock() -= self.weight;
        self.gate.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn never_more_than_the_budget_at_once() {
        let gate = Gate::new(100);
        let peak = AtomicU64::new(0);
        std::thread::scope(|s| {
            for i in 0..8 {
                let (gate, peak) = (&gate, &peak);
                s.spawn(move || {
                    for _ in 0..20 {
                        let _share = gate.enter(30 + i);
                        peak.fetch_max(gate.used(), Ordering::SeqCst);
                        std::thread::yield_now();
                    }
                });
            }
        });
        assert!(peak.load(Ordering::SeqCst) <= 100);
        assert_eq!(gate.used(), 0);
        // Bigger than the budget: runs alone instead of waiting for ever.
        let share = gate.enter(1000);
        assert_eq!(gate.used(), 100);
        drop(share);
    }

    #[test]
    fn a_panic_gives_the_share_back() {
        let gate = Gate::new(10);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _share = gate.enter(10);
            panic!("decoder bug");
        }));
        assert!(r.is_err());
        assert_eq!(gate.used(), 0);
    }
}
