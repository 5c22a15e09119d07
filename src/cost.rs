//! Token prices and run cost: a user-editable table of USD per million input and output tokens
//! per model (`data/prices.json` is built in; `--prices FILE` replaces it).

use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The built-in table.
const BUILT_IN: &str = include_str!("../data/prices.json");

/// Price of one model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Price {
    /// USD per million prompt tokens.
    pub input: f64,
    /// USD per million generated tokens.
    pub output: f64,
}

/// Prices by model name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PriceTable {
    /// Model name → price.
    pub models: BTreeMap<String, Price>,
}

/// What a run cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunCost {
    /// Model the price was found under.
    pub priced_as: String,
    /// The price used.
    pub price: Price,
    /// Total in USD.
    pub usd: f64,
}

impl PriceTable {
    /// The built-in table.
    pub fn built_in() -> PriceTable {
        PriceTable::parse(BUILT_IN).expect("data/prices.json is valid")
    }

    /// Reads a table file (the format of `data/prices.json`).
    pub fn load(path: &Path) -> anyhow::Result<PriceTable> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the price table", path.display()))?;
        PriceTable::parse(&text).with_context(|| format!("{}: bad price table", path.display()))
    }

    fn parse(text: &str) -> anyhow::Result<PriceTable> {
        let table: PriceTable = serde_json::from_str(text)?;
        for (model, p) in &table.models {
            if !(p.input >= 0.0 && p.output >= 0.0 && p.input.is_finite() && p.output.is_finite()) {
                anyhow::bail!("{model}: prices must be non-negative numbers");
            }
        }
        Ok(table)
    }

    /// The price of `model`: by its full name, else by the part after its last `/` (OpenRouter's
    /// `openai/o4-mini`); an adapter suffix (`base+adapter`) is priced as the base.
    pub fn lookup(&self, model: &str) -> Option<(&str, Price)> {
        let base = model.split('+').next().unwrap_or(model);
        [model, base, base.rsplit('/').next().unwrap_or(base)]
            .into_iter()
            .find_map(|name| self.models.get_key_value(name))
            .map(|(k, p)| (k.as_str(), *p))
    }

    /// The cost of a run's tokens, when the model has a price.
    pub fn cost(&self, model: &str, prompt_tokens: u64, completion_tokens: u64) -> Option<RunCost> {
        let (name, price) = self.lookup(model)?;
        Some(RunCost {
            priced_as: name.to_string(),
            price,
            usd: (prompt_tokens as f64 * price.input + completion_tokens as f64 * price.output)
                / 1e6,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_table_loads_and_prices_by_name_prefix_and_adapter() {
        let t = PriceTable::built_in();
        let c = t.cost("o4-mini", 1_000_000, 500_000).unwrap();
        assert!((c.usd - (1.10 + 2.20)).abs() < 1e-9, "{c:?}");
        assert_eq!(t.lookup("openai/o4-mini").unwrap().0, "o4-mini");
        assert!(t.cost("my-local-qwen", 10, 10).is_none());
        let mut t = PriceTable::default();
        t.models.insert(
            "qwen".into(),
            Price {
                input: 1.0,
                output: 2.0,
            },
        );
        assert_eq!(t.cost("qwen+adapter-a", 2_000_000, 0).unwrap().usd, 2.0);
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(PriceTable::parse(r#"{"models":{"m":{"input":-1,"output":1}}}"#).is_err());
        assert!(PriceTable::parse(r#"{"models":{"m":{"input":1}}}"#).is_err());
        assert!(PriceTable::parse("[]").is_err());
    }
}
