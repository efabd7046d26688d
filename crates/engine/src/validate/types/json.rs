//! JSON cells as Python's `json.loads` reads them, and the GeoJSON profile frictionless checks.

use serde_json::{Map, Value};

/// `json.loads`: strict JSON plus Python's `NaN`, `Infinity` and `-Infinity` literals (read here as
/// `null`, which only matters for typed array items).
pub fn loads(text: &str) -> Option<Value> {
    if let Ok(value) = serde_json::from_str(text) {
        return Some(value);
    }
    if !text.contains("NaN") && !text.contains("Infinity") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if let Some(literal) = ["-Infinity", "Infinity", "NaN"].iter().find(|l| rest.starts_with(**l)) {
            out.push_str("null");
            rest = rest.get(literal.len()..).unwrap_or_default();
            continue;
        } else {
            out.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    serde_json::from_str(&out).ok()
}

fn is_number(value: &Value) -> bool {
    value.is_number()
}

fn position(value: &Value) -> bool {
    // minItems 2, items [number, number], additionalItems false: exactly two numbers.
    matches!(value.as_array().map(Vec::as_slice), Some([a, b]) if is_number(a) && is_number(b))
}

fn positions(value: &Value, min: usize) -> bool {
    value.as_array().is_some_and(|items| items.len() >= min && items.iter().all(position))
}

fn polygon(value: &Value) -> bool {
    value.as_array().is_some_and(|rings| rings.iter().all(|ring| positions(ring, 4)))
}

fn all_items(value: &Value, check: fn(&Value) -> bool) -> bool {
    value.as_array().is_some_and(|items| items.iter().all(check))
}

fn type_is(object: &Map<String, Value>, name: &str) -> bool {
    object.get("type").and_then(Value::as_str) == Some(name)
}

/// The `geometry` definition of frictionless's GeoJSON profile.
fn geometry(value: &Value) -> bool {
    let Some(object) = value.as_object() else { return false };
    let Some(coordinates) = object.get("coordinates") else { return false };
    match object.get("type").and_then(Value::as_str) {
        Some("Point") => position(coordinates),
        Some("MultiPoint") => positions(coordinates, 0),
        Some("LineString") => positions(coordinates, 2),
        Some("MultiLineString") => all_items(coordinates, |line| positions(line, 2)),
        Some("Polygon") => polygon(coordinates),
        Some("MultiPolygon") => all_items(coordinates, polygon),
        _ => false,
    }
}

fn feature(value: &Value) -> bool {
    let Some(object) = value.as_object() else { return false };
    // The profile's sub-schemas have no "type": "object"; a non-object item passes them.
    let type_ok = object.get("type").is_none_or(|t| t.as_str() == Some("Feature"));
    let geometry_ok = object.get("geometry").is_some_and(|g| g.is_null() || geometry(g));
    let properties_ok = object.get("properties").is_some_and(|p| p.is_null() || p.is_object());
    type_ok && geometry_ok && properties_ok
}

fn crs(value: &Value) -> bool {
    // null passes both branches of the profile's oneOf (named / linked), so it fails it.
    if value.is_null() {
        return false;
    }
    let Some(object) = value.as_object() else { return false };
    if object.keys().any(|k| k != "type" && k != "properties") {
        return false;
    }
    let (Some(kind), Some(properties)) = (object.get("type"), object.get("properties").and_then(Value::as_object))
    else {
        return false;
    };
    match kind.as_str() {
        Some("name") => properties.keys().all(|k| k == "name") && properties.get("name").is_some_and(Value::is_string),
        Some("link") => {
            properties.get("href").is_some_and(Value::is_string) && properties.get("type").is_none_or(Value::is_string)
        }
        _ => false,
    }
}

/// frictionless 4.38's GeoJSON profile (`assets/profiles/geojson/general.json`, a draft-04 schema).
pub fn is_geojson(value: &Value) -> bool {
    let Some(object) = value.as_object() else { return false };
    if !object.contains_key("type") {
        return false;
    }
    if object.get("crs").is_some_and(|c| !crs(c)) {
        return false;
    }
    if object.get("bbox").is_some_and(|b| !all_items(b, is_number)) {
        return false;
    }
    // oneOf geometry / geometryCollection / feature / featureCollection: the "type" picks one.
    if type_is(object, "GeometryCollection") {
        object.get("geometries").is_some_and(|g| all_items(g, geometry))
    } else if type_is(object, "Feature") {
        feature(value)
    } else if type_is(object, "FeatureCollection") {
        object.get("features").is_some_and(|f| all_items(f, |item| !item.is_object() || feature(item)))
    } else {
        geometry(value)
    }
}
