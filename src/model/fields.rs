//! Reading a parsed JSON file field by field: what the decoders of the
//! files the main module and the after-start part read are written with
//! (a story, a list of stories, the sections, what to read next, the
//! ticker's feed, the saved list, the signup service's replies).
//!
//! serde's derived decoders are compiled once for each type they decode
//! and each parser they read from (`docs/benchmarks.md`, "Decoding by
//! hand", has the bytes). These readers are compiled once, whatever the
//! type: a file is parsed into a [`Value`] ([`parse`]: serde_json's parser
//! natively, the browser's own in the browser), then read here.

use super::{DecodeError, Timestamp};
use serde_json::{Map, Value};

/// The file's text parsed, or why it is not JSON.
#[cfg(not(all(feature = "hydrate", target_arch = "wasm32")))]
pub(crate) fn parse(json: &str) -> Result<Value, DecodeError> {
    serde_json::from_str(json).map_err(DecodeError::from_serde)
}

/// The file's text parsed, or why it is not JSON: in the browser, by the
/// browser's own parser (`JSON.parse`), so that the wasm carries none.
/// What it gives is the same [`Value`] serde_json's parser gives, for a
/// whole number that fits in 53 bits (a larger one is a float here, as it
/// is to JavaScript).
#[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
pub(crate) fn parse(json: &str) -> Result<Value, DecodeError> {
    let parsed = js_sys::JSON::parse(json)
        .map_err(|_| DecodeError::Malformed("the text is not JSON".into()))?;
    from_js(&parsed, 0).ok_or_else(|| {
        DecodeError::Malformed(format!("the JSON is nested more than {MAX_DEPTH} deep"))
    })
}

/// How deep lists and objects may nest: serde_json's own limit, so that
/// the browser refuses what the build refuses (and the copy below cannot
/// run out of stack).
#[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
const MAX_DEPTH: u32 = 128;

/// What `JSON.parse` gave, as a [`Value`]; `None` if it nests too deep.
#[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
fn from_js(value: &wasm_bindgen::JsValue, depth: u32) -> Option<Value> {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
    if let Some(text) = value.as_string() {
        return Some(Value::String(text));
    }
    if let Some(number) = value.as_f64() {
        return Some(number_of(number));
    }
    if let Some(flag) = value.as_bool() {
        return Some(Value::Bool(flag));
    }
    let Some(object) = value.dyn_ref::<Object>() else {
        return Some(Value::Null);
    };
    if depth >= MAX_DEPTH {
        return None;
    }
    if let Some(list) = value.dyn_ref::<Array>() {
        let items = list.iter().map(|item| from_js(&item, depth + 1));
        return items.collect::<Option<Vec<Value>>>().map(Value::Array);
    }
    Object::entries(object)
        .iter()
        .map(|entry| {
            let entry: Array = entry.unchecked_into();
            Some((
                entry.get(0).as_string()?,
                from_js(&entry.get(1), depth + 1)?,
            ))
        })
        .collect::<Option<Map<String, Value>>>()
        .map(Value::Object)
}

/// A JavaScript number as serde_json holds it: a whole number as one
/// (so that [`Fields::count`] reads it), anything else as a float.
#[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
fn number_of(number: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if number.fract() == 0.0 && (0.0..=EXACT).contains(&number) {
        Value::from(number as u64)
    } else if number.fract() == 0.0 && (-EXACT..0.0).contains(&number) {
        Value::from(number as i64)
    } else {
        serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number)
    }
}

/// An object's fields, read by name. A field that is absent and one that
/// is `null` read the same: not given.
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    /// The fields of `value`, which must be an object.
    pub(crate) fn of(value: &'a Value) -> Result<Self, String> {
        value
            .as_object()
            .map(Fields)
            .ok_or_else(|| format!("expected an object, not {}", kind(value)))
    }

    /// A field's value, if it is given.
    pub(crate) fn get(self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|value| !value.is_null())
    }

    /// A field that must be given and be a string.
    pub(crate) fn string(self, name: &str) -> Result<String, String> {
        self.optional_string(name)?.ok_or_else(|| missing(name))
    }

    /// A string field that may be left out.
    pub(crate) fn optional_string(self, name: &str) -> Result<Option<String>, String> {
        self.get(name).map(|value| string(value, name)).transpose()
    }

    /// A string field whose absence means "".
    pub(crate) fn string_or_empty(self, name: &str) -> Result<String, String> {
        Ok(self.optional_string(name)?.unwrap_or_default())
    }

    /// A true-or-false field whose absence means false.
    pub(crate) fn flag(self, name: &str) -> Result<bool, String> {
        match self.get(name) {
            None => Ok(false),
            Some(value) => value
                .as_bool()
                .ok_or_else(|| wrong(name, "true or false", value)),
        }
    }

    /// A whole number field that may be left out.
    pub(crate) fn optional_count(self, name: &str) -> Result<Option<u64>, String> {
        self.get(name)
            .map(|value| {
                value
                    .as_u64()
                    .ok_or_else(|| wrong(name, "a whole number", value))
            })
            .transpose()
    }

    /// A whole number field that must be given and fit in 32 bits.
    pub(crate) fn count(self, name: &str) -> Result<u32, String> {
        let count = self.optional_count(name)?.ok_or_else(|| missing(name))?;
        u32::try_from(count).map_err(|_| format!("`{name}` is too large: {count}"))
    }

    /// A time that must be given.
    pub(crate) fn time(self, name: &str) -> Result<Timestamp, String> {
        self.optional_time(name)?.ok_or_else(|| missing(name))
    }

    /// A time that may be left out.
    pub(crate) fn optional_time(self, name: &str) -> Result<Option<Timestamp>, String> {
        self.optional_string(name)?
            .map(|text| Timestamp::parse_rfc3339(&text).map_err(|why| format!("`{name}`: {why}")))
            .transpose()
    }

    /// A list field whose absence means an empty list.
    pub(crate) fn list(self, name: &str) -> Result<&'a [Value], String> {
        match self.get(name) {
            None => Ok(&[]),
            Some(value) => list(value, name),
        }
    }

    /// A list that must be given.
    pub(crate) fn required_list(self, name: &str) -> Result<&'a [Value], String> {
        list(self.get(name).ok_or_else(|| missing(name))?, name)
    }

    /// A field read by `read`, if it is given; what `read` says is wrong
    /// with it is said of the field.
    pub(crate) fn optional<T>(
        self,
        name: &str,
        read: impl FnOnce(&'a Value) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        self.get(name)
            .map(|value| read(value).map_err(|why| format!("`{name}`: {why}")))
            .transpose()
    }

    /// A list field whose absence means an empty list, each item read by
    /// `read`: one it cannot read fails the whole, said of the field.
    pub(crate) fn each<T>(
        self,
        name: &str,
        read: impl Fn(&'a Value) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        self.list(name)?
            .iter()
            .map(|item| read(item).map_err(|why| format!("`{name}`: {why}")))
            .collect()
    }

    /// The same, `None` when the list is not given at all.
    pub(crate) fn optional_each<T>(
        self,
        name: &str,
        read: impl Fn(&'a Value) -> Result<T, String>,
    ) -> Result<Option<Vec<T>>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(_) => self.each(name, read).map(Some),
        }
    }

    /// A whole number field that fits in 32 bits, whose absence means 0.
    pub(crate) fn count_or_zero(self, name: &str) -> Result<u32, String> {
        match self.get(name) {
            None => Ok(0),
            Some(_) => self.count(name),
        }
    }

    /// A list of strings whose absence means an empty list.
    pub(crate) fn strings(self, name: &str) -> Result<Vec<String>, String> {
        self.list(name)?
            .iter()
            .map(|value| string(value, name))
            .collect()
    }
}

/// `value` as a string: `name` says where it was, should it not be one.
pub(crate) fn string(value: &Value, name: &str) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| wrong(name, "a string", value))
}

fn list<'a>(value: &'a Value, name: &str) -> Result<&'a [Value], String> {
    value
        .as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| wrong(name, "a list", value))
}

fn missing(name: &str) -> String {
    format!("`{name}` is missing")
}

fn wrong(name: &str, expected: &str, value: &Value) -> String {
    format!("`{name}` should be {expected}, not {}", kind(value))
}

/// What a value is, in words, for a message.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_read_as_given_and_say_what_is_wrong() {
        let value = json!({
            "name": "Jane", "none": null, "n": 7, "big": 5_000_000_000u64,
            "yes": true, "when": "2026-11-26T08:15:00Z", "list": ["a", "b"]
        });
        let fields = Fields::of(&value).unwrap();
        assert_eq!(fields.string("name").unwrap(), "Jane");
        assert_eq!(fields.optional_string("none").unwrap(), None);
        assert_eq!(fields.string_or_empty("absent").unwrap(), "");
        assert_eq!(fields.string("absent").unwrap_err(), "`absent` is missing");
        assert_eq!(
            fields.string("n").unwrap_err(),
            "`n` should be a string, not a number"
        );
        assert_eq!(fields.count("n").unwrap(), 7);
        assert_eq!(
            fields.count("big").unwrap_err(),
            "`big` is too large: 5000000000"
        );
        assert!(fields.flag("yes").unwrap());
        assert!(!fields.flag("absent").unwrap());
        assert_eq!(
            fields.time("when").unwrap(),
            Timestamp::parse_rfc3339("2026-11-26T08:15:00Z").unwrap()
        );
        assert!(fields.time("name").unwrap_err().starts_with("`name`: "));
        assert_eq!(fields.strings("list").unwrap(), ["a", "b"]);
        assert!(fields.list("absent").unwrap().is_empty());
        assert_eq!(
            fields.required_list("absent").unwrap_err(),
            "`absent` is missing"
        );
        assert_eq!(
            Fields::of(&json!([1])).err().unwrap(),
            "expected an object, not a list"
        );
    }
}
