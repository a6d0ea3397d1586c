//! Work spread over the machine's cores: the same function over independent items (questions,
//! dimensions, columns), results in the items' order. Scoped threads from the standard library
//! are enough for these few coarse pieces; a work-stealing pool would add a dependency for nothing.

/// How many cores there are to spread work over.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on up to as many threads as there are cores, results in order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    items
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % threads == t)
                        .map(|(i, x)| (i, f(x)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, R)> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, r)| r).collect()
    })
}

/// `f` over `items`, each taken by value, on up to as many threads as there are cores, results
/// in order (the columns of a table, merged and finished one per thread).
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let slots: Vec<std::sync::Mutex<Option<T>>> = items
        .into_iter()
        .map(|x| std::sync::Mutex::new(Some(x)))
        .collect();
    map(&slots, |slot| {
        // Each slot is taken by exactly one thread, once; a poisoned lock still holds its item.
        let item = slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
            .expect("each item is taken once");
        f(item)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn owned_items_come_back_in_order() {
        let items: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        let got = super::map_owned(items.clone(), |s| s + "!");
        let expected: Vec<String> = items.iter().map(|s| format!("{s}!")).collect();
        assert_eq!(got, expected);
        assert!(super::map_owned(Vec::<u8>::new(), |b| b).is_empty());
    }
}
