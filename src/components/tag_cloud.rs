//! The sidebar's tag cloud.

use folio_core::Location;
use std::rc::Rc;

use yew::prelude::*;

use crate::route::{tag_href, Route};
use crate::store::Store;

/// Tags shown in the sidebar cloud; the rest are one click away on `#/tags`.
const SIDEBAR_TAGS: usize = 40;

/// The most used tags, by name, sized in five steps by the log of their
/// count, with a link to the tag filter. (A view function of the site
/// layout: see `part_loading`.)
pub fn tag_cloud(store: &Store, current: Option<&Route>) -> Html {
    let text = store.text();
    let tags = &store.overview.tags;
    if tags.is_empty() {
        return html! {};
    }
    // Classes, not inline styles, so the page works under a strict
    // `style-src 'self'` policy.
    let max = tags.first().map_or(1, |t| t.count).max(1);
    let shown: Rc<[_]> = {
        let mut shown: Vec<_> = tags.iter().take(SIDEBAR_TAGS).collect();
        shown.sort_by(|a, b| a.name.cmp(&b.name));
        shown.into()
    };
    html! {
        <nav class="taxonomy" aria-label={text.tags}>
            <h2>{ text.tags }</h2>
            <ul class="tag-cloud">
                { for shown.iter().map(|t| {
                    let weight = weight(t.count, max);
                    let here = current.is_some_and(|r| r.0 == Location::Tag { name: t.name.clone() });
                    html! {
                        <li>
                            <a href={tag_href(&t.name)} class={format!("weight-{weight}")}
                               aria-current={here.then_some("page")}>
                                <span class="term-name">{ &t.name }</span>
                                <span class="term-count">{ t.count }</span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
            <p class="more-link"><a href={Route(Location::Tags).href()}>{ text.filter_by_tags }</a></p>
        </nav>
    }
}

/// The size step (1 to 5) of a tag used `count` times when the most used is
/// used `max` times: by the logarithm of the count, in integers (the bit
/// length of `count + 1` against that of `max + 1`), so that the viewer
/// carries no floating-point logarithm.
fn weight(count: usize, max: usize) -> u8 {
    let bits = |n: usize| usize::BITS - (n + 1).leading_zeros();
    let (own, top) = (bits(count.min(max)), bits(max).max(1));
    u8::try_from(1 + (4 * own + top / 2) / top).unwrap_or(5).clamp(1, 5)
}

#[cfg(test)]
mod tests {
    use super::weight;

    #[test]
    fn weights_grow_with_the_log_of_the_count() {
        assert_eq!(weight(1000, 1000), 5);
        assert_eq!(weight(1, 1000), 2);
        assert_eq!(weight(0, 1000), 1);
        assert!(weight(30, 1000) > weight(3, 1000));
        assert_eq!(weight(1, 1), 5);
    }
}
