//! Work spread over the machine's cores: the same function over independent items (questions,
//! dimensions, columns), results in the items' order. Scoped threads from the standard library
//! are enough for these few coarse pieces; a work-stealing pool would add a dependency for nothing.

/// How many cores there are to spread work over.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on up to as many threads as there are cores, results in order. Each thread
/// takes the next item not yet taken, so a long item does not hold up a share handed out in
/// advance.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let order: Vec<usize> = (0..items.len()).collect();
    run(items, &order, &f)
}

/// `map`, with the items of the most `weight` taken first: one long item (the free-text
/// column, the free-text question) started last would run alone while the other cores wait.
pub fn map_heaviest_first<T: Sync, R: Send>(
    items: &[T],
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    run(items, &heaviest_first(items, weight), &f)
}

/// The items' indices, the most `weight` first; equal weights keep their order.
fn heaviest_first<T>(items: &[T], weight: impl Fn(&T) -> usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    order
}

/// `f` over `items` in the sequence `order`, pulled by up to `cores()` threads; results in the
/// items' own order.
fn run<T: Sync, R: Send>(items: &[T], order: &[usize], f: &(impl Fn(&T) -> R + Sync)) -> Vec<R> {
    let threads = cores().min(items.len().max(1));
    if threads <= 1 && order.iter().enumerate().all(|(k, &i)| k == i) {
        return items.iter().map(f).collect();
    }
    let mut all: Vec<(usize, R)> = pull(threads, items, order, f)
        .into_iter()
        .flat_map(|done| done.unwrap_or_else(|e| std::panic::resume_unwind(e)))
        .collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// As `map`, on `threads` threads, for a caller that reports a failure itself: an item taken by
/// a thread that panicked has no result (`None`) rather than the panic passed on.
pub fn map_on<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let order: Vec<usize> = (0..items.len()).collect();
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in pull(threads.max(1), items, &order, &f)
        .into_iter()
        .flatten()
        .flatten()
    {
        out[i] = Some(r);
    }
    out
}

/// `f` over `items` in the sequence `order`, each of `threads` threads taking the next item not
/// yet taken; per thread, the items it did with their results, or its panic.
fn pull<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    order: &[usize],
    f: &(impl Fn(&T) -> R + Sync),
) -> Vec<std::thread::Result<Vec<(usize, R)>>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let next = &next;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = order.get(k) else {
                            return done;
                        };
                        done.push((i, f(&items[i])));
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join()).collect()
    })
}

/// `f` over `items`, each taken by value, on up to as many threads as there are cores, results
/// in order (the columns of a table, merged and finished one per thread).
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    map_owned_heaviest_first(items, |_| 0, f)
}

/// `map_owned`, the items of the most `weight` taken first (see `map_heaviest_first`).
pub fn map_owned_heaviest_first<T: Send, R: Send>(
    items: Vec<T>,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let weights: Vec<usize> = items.iter().map(&weight).collect();
    let slots: Vec<(std::sync::Mutex<Option<T>>, usize)> = items
        .into_iter()
        .zip(weights)
        .map(|(x, w)| (std::sync::Mutex::new(Some(x)), w))
        .collect();
    map_heaviest_first(
        &slots,
        |(_, w)| *w,
        |(slot, _)| {
            // Each slot is taken by exactly one thread, once; a poisoned lock still holds its item.
            let item = slot
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take()
                .expect("each item is taken once");
            f(item)
        },
    )
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

    #[test]
    fn an_item_whose_thread_panicked_has_no_result() {
        let items: Vec<u32> = (0..20).collect();
        let got = super::map_on(3, &items, |&i| {
            assert!(i != 7, "item 7 fails");
            i * 2
        });
        assert_eq!(got.len(), 20);
        // The thread that panicked loses what it did; the others' results stand.
        assert_eq!(got[7], None);
        assert!(got.iter().any(Option::is_some));
        for (i, r) in got.iter().enumerate() {
            if let Some(r) = r {
                assert_eq!(*r, 2 * i as u32);
            }
        }
        let one = super::map_on(1, &items, |&i| i + 1);
        assert_eq!(one, items.iter().map(|i| Some(i + 1)).collect::<Vec<_>>());
    }

    #[test]
    fn heaviest_items_are_taken_first_and_results_keep_their_order() {
        let items: Vec<usize> = (0..30).collect();
        let weight = |&i: &usize| if i == 29 { 1000 } else { i % 3 };
        // Threads take the items in this order: the heaviest first, ties as they came.
        let order = super::heaviest_first(&items, weight);
        let mut expected = vec![29];
        for w in [2, 1, 0] {
            expected.extend((0..29).filter(|i| i % 3 == w));
        }
        assert_eq!(order, expected);
        let got = super::map_heaviest_first(&items, weight, |&i| i * 2);
        assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let owned = super::map_owned_heaviest_first(items.clone(), |&i| i, |i| i + 1);
        assert_eq!(owned, items.iter().map(|i| i + 1).collect::<Vec<_>>());
    }
}
