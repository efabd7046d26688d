//! Every French sentence the engine shows a person, in one place, one file per stage. Issue messages
//! follow Validata's wording where it is clear, so a commune agent reads the same words in Tamis and on
//! validata.fr; where Validata speaks English or garbles the text, the wording here is Tamis's own.
//!
//! The functions take plain data (text, numbers), never the engine's types: `fr` sits below every
//! module that speaks, and a `match` on an enum lives next to the enum, calling one function or
//! constant of here per variant (`Failure::message`, `Finding::message`, `Code::name`…).

pub(crate) mod doc;
pub(crate) mod edit;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod issues;
pub(crate) mod read;
pub(crate) mod suggest;
pub(crate) mod transform;

/// A count written the French way, digits grouped by three with no-break spaces (a count never splits
/// over two lines): `100 000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}
