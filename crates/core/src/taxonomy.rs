//! Counting categories, tags, years and months, in the one order every
//! layout lists them in.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, FixedOffset};

use crate::wire::{TermCount, YearCount};

/// Puts terms in taxonomy order: most used first, then by name. The sidebar,
/// the taxonomy pages and the manifest's top terms all use it.
///
/// ```
/// use folio_core::{sort_terms, TermCount};
/// let mut terms = vec![TermCount { name: "b".into(), count: 1 }, TermCount { name: "c".into(), count: 2 },
///                      TermCount { name: "a".into(), count: 1 }];
/// sort_terms(&mut terms);
/// assert_eq!(terms.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["c", "a", "b"]);
/// ```
pub fn sort_terms(terms: &mut [TermCount]) {
    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
}

/// Counts each name once per occurrence and returns the terms in
/// [`sort_terms`] order.
pub fn count_terms<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<TermCount> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for name in names {
        *counts.entry(name).or_default() += 1;
    }
    let mut terms: Vec<TermCount> =
        counts.into_iter().map(|(name, count)| TermCount { name: name.to_owned(), count }).collect();
    sort_terms(&mut terms);
    terms
}

/// Years and months that have posts, newest first, from the posts' dates
/// (each in its own offset, so a post of 2021-12-31T23:30-05:00 is filed in
/// December 2021 although it is 2022 in UTC).
pub fn year_counts<'a>(dates: impl IntoIterator<Item = &'a DateTime<FixedOffset>>) -> Vec<YearCount> {
    let mut years: BTreeMap<i32, BTreeMap<u32, usize>> = BTreeMap::new();
    for date in dates {
        *years.entry(date.year()).or_default().entry(date.month()).or_default() += 1;
    }
    years
        .into_iter()
        .rev()
        .map(|(year, months)| YearCount {
            year,
            count: months.values().sum(),
            months: months.into_iter().rev().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::parse_date;

    #[test]
    fn terms_are_counted_and_ordered() {
        let terms = count_terms(["wasm", "rust", "华夏", "rust", "wasm", "a"]);
        let shown: Vec<(&str, usize)> = terms.iter().map(|t| (t.name.as_str(), t.count)).collect();
        assert_eq!(shown, [("rust", 2), ("wasm", 2), ("a", 1), ("华夏", 1)]);
    }

    #[test]
    fn years_follow_each_posts_own_calendar() {
        let dates: Vec<_> =
            ["2021-12-31T23:30:00-05:00", "2022-01-03T09:00:00Z", "2022-01-12T21:11:17+08:00"]
                .iter()
                .map(|d| parse_date(d).unwrap())
                .collect();
        let years = year_counts(&dates);
        assert_eq!(
            years,
            [
                YearCount { year: 2022, count: 2, months: vec![(1, 2)] },
                YearCount { year: 2021, count: 1, months: vec![(12, 1)] },
            ]
        );
    }
}
