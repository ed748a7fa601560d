//! Folio's viewer: mounts the app into `#folio-root`.

mod app;
mod chunks;
mod components;
mod embed;
mod hooks;
mod loader;
mod pages;
mod route;
mod state;

fn main() {
    app::install_panic_hook();
    embed::normalise_embed_url();
    let view = embed::view_options();
    embed::apply_theme(view.theme);
    if view.embed {
        embed::mark_embedded();
    }
    let document = gloo::utils::document();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let root = document.get_element_by_id("folio-root").expect("index.html has a #folio-root element");
    yew::Renderer::<app::App>::with_root(root).render();
}
