# Sourced by the other scripts: puts npm's wasm-opt (binaryen 132) on PATH
# ahead of any older system copy.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
