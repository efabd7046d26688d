# Sourced by the other scripts: tool paths and the cargo used for native builds.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$root/.tools/node_modules/.bin:$PATH"
# Under setup route B (Debian's rustc with build-std, see scripts/setup.sh), native builds use the
# rustup stable toolchain so std is not rebuilt for the host.
if [ -f "$root/rust-toolchain.toml" ]; then native_cargo=(cargo +stable); else native_cargo=(cargo); fi
