//! The models a server answers for, by the names clients send as `model`.

use crate::generate::local::LocalGenerator;
use crate::generate::openai::wire::{ModelCard, ModelList};
use crate::generate::Generator;
use anyhow::bail;

/// One loaded model (a base model, or a base model with an adapter merged into its weights).
pub struct ServedModel {
    /// The name `GET /v1/models` lists and requests send.
    pub name: String,
    /// Other names requests may use (`base+adapter` for an adapter).
    pub aliases: Vec<String>,
    /// The engines.
    pub generator: LocalGenerator,
}

/// Every model a server answers for.
pub struct ServedModels {
    models: Vec<ServedModel>,
    /// Unix seconds when the set was made (the `created` of every model card).
    created: u64,
}

impl Default for ServedModels {
    fn default() -> Self {
        ServedModels::new()
    }
}

impl ServedModels {
    /// No models yet.
    pub fn new() -> ServedModels {
        ServedModels {
            models: Vec::new(),
            created: unix_now(),
        }
    }

    /// Adds a loaded model. A base model is served under its name (the directory's name, or
    /// the hub id it came from); a model with a merged adapter under the adapter's name, and
    /// also as `base+adapter`. Fails when a name is taken.
    pub fn add(&mut self, generator: LocalGenerator) -> anyhow::Result<()> {
        let full = generator.model();
        let (name, aliases) = match generator.adapter() {
            Some(adapter) => (adapter.to_string(), vec![full]),
            None => (full, Vec::new()),
        };
        for n in std::iter::once(&name).chain(&aliases) {
            if self.find(n).is_some() {
                bail!("two served models are named {n:?}: give the adapter directories distinct names");
            }
        }
        self.models.push(ServedModel {
            name,
            aliases,
            generator,
        });
        Ok(())
    }

    /// The model a request names, by name or alias.
    pub fn find(&self, name: &str) -> Option<&ServedModel> {
        self.models
            .iter()
            .find(|m| m.name == name || m.aliases.iter().any(|a| a == name))
    }

    /// The names, in the order the models were added.
    pub fn names(&self) -> Vec<&str> {
        self.models.iter().map(|m| m.name.as_str()).collect()
    }

    /// The `GET /v1/models` answer.
    pub fn list(&self) -> ModelList {
        ModelList {
            object: "list".into(),
            data: self.models.iter().map(|m| self.card(&m.name)).collect(),
        }
    }

    /// The card of one model.
    pub fn card(&self, name: &str) -> ModelCard {
        ModelCard {
            id: name.to_string(),
            object: "model".into(),
            created: self.created,
            owned_by: "arc-solver".into(),
        }
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub(crate) fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
