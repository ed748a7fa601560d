//! A bounded least-recently-used map, for the viewer's caches of fetched
//! chunks and sanitised bodies.

/// A small least-recently-used map: memory follows what was viewed, with a
/// ceiling, never the size of the archive.
///
/// Entries live in a vector and lookups scan it: the caches hold a few
/// hundred entries at most, where a scan costs microseconds, and a hash map
/// per cached type would cost the viewer's wasm several kilobytes of code
/// each.
#[derive(Debug)]
pub struct Lru<K, V> {
    capacity: usize,
    clock: u64,
    entries: Vec<(K, V, u64)>,
}

impl<K: PartialEq, V: Clone> Lru<K, V> {
    /// An empty map that keeps at most `capacity` entries.
    pub fn new(capacity: usize) -> Self {
        Lru { capacity: capacity.max(1), clock: 0, entries: Vec::new() }
    }

    /// The value for `key`, marking it as recently used.
    pub fn get(&mut self, key: &K) -> Option<V> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.iter_mut().find(|(k, ..)| k == key).map(|(_, value, used)| {
            *used = clock;
            value.clone()
        })
    }

    /// Adds or replaces `key`, evicting the least recently used entry when full.
    pub fn insert(&mut self, key: K, value: V) {
        self.clock += 1;
        if let Some(entry) = self.entries.iter_mut().find(|(k, ..)| *k == key) {
            entry.1 = value;
            entry.2 = self.clock;
            return;
        }
        if self.entries.len() >= self.capacity {
            let oldest = (0..self.entries.len()).min_by_key(|&i| self.entries[i].2);
            if let Some(oldest) = oldest {
                self.entries.swap_remove(oldest);
            }
        }
        self.entries.push((key, value, self.clock));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_entry_goes_first() {
        let mut lru = Lru::new(2);
        lru.insert("a", 1);
        lru.insert("b", 2);
        assert_eq!(lru.get(&"a"), Some(1));
        lru.insert("c", 3);
        assert_eq!((lru.get(&"a"), lru.get(&"b"), lru.get(&"c")), (Some(1), None, Some(3)));
        lru.insert("a", 10);
        assert_eq!(lru.get(&"a"), Some(10), "a key is replaced, not added again");
        assert_eq!(lru.entries.len(), 2);
    }
}
