//! Finding a model's files: a local directory, a Hugging Face cache snapshot, or a download.
//!
//! The cache is the one the `huggingface-cli`/`huggingface_hub` tools and `hf-hub` share:
//! `<cache>/models--<owner>--<name>/refs/<revision>` holds a commit hash and
//! `snapshots/<hash>/` holds the files (usually symlinks into `blobs/`).

use std::path::{Component, Path, PathBuf};

use hf_hub::api::sync::{ApiBuilder, ApiError};
use hf_hub::{Cache, Repo, RepoType};
use thiserror::Error;

/// Why a model directory could not be found or fetched.
#[derive(Debug, Error)]
pub enum HubError {
    /// The spec is neither an existing directory nor an `owner/name[@revision]` id.
    #[error(
        "model `{0}` is neither an existing directory nor a Hugging Face id (owner/name[@revision])"
    )]
    NotFound(String),
    /// A hub id that is not in the local cache, and downloading was not allowed.
    #[error(
        "model `{spec}` is not a directory and not in the Hugging Face cache at {}; pass \
         --allow-download (or set it up with `huggingface-cli download {repo}`)",
        cache.display()
    )]
    NotCached {
        /// What was asked for.
        spec: String,
        /// The hub repository id.
        repo: String,
        /// The cache directory searched.
        cache: PathBuf,
    },
    /// No environment variable or home directory gives a cache location.
    #[error("cannot locate the Hugging Face cache: set HF_HUB_CACHE or HF_HOME")]
    NoCacheDir,
    /// A file of the cache or of the model could not be read, or is malformed.
    #[error("{}: {message}", path.display())]
    BadFile {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The repository has neither `model.safetensors` nor `model.safetensors.index.json`.
    #[error("{repo} has no model.safetensors or model.safetensors.index.json")]
    NoWeights {
        /// The hub repository id.
        repo: String,
    },
    /// The hub client failed (network, authentication, disk).
    #[error("downloading {file} of {repo}: {source}")]
    Download {
        /// The hub repository id.
        repo: String,
        /// The file being fetched (or `repository info`).
        file: String,
        /// The client's error.
        #[source]
        source: Box<ApiError>,
    },
}

/// A model on the Hugging Face hub: `owner/name`, optionally at a revision (`@branch`, `@tag`,
/// `@commit`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HubId {
    /// `owner/name`.
    pub repo: String,
    /// Branch, tag or commit hash; `None` means `main`.
    pub revision: Option<String>,
}

impl HubId {
    /// Parses `owner/name[@revision]`; `None` when `spec` does not have that shape (so it is
    /// taken for a path). Revisions may contain `/` (`refs/pr/1`) but no `..` step.
    pub fn parse(spec: &str) -> Option<HubId> {
        let (repo, revision) = match spec.split_once('@') {
            Some((repo, revision)) => (repo, Some(revision)),
            None => (spec, None),
        };
        let (owner, name) = repo.split_once('/')?;
        let part_ok = |p: &str| {
            !p.is_empty()
                && p != "."
                && p != ".."
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        if !part_ok(owner) || !part_ok(name) {
            return None;
        }
        if let Some(revision) = revision {
            let revision_ok = !revision.is_empty()
                && revision
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                && Path::new(revision)
                    .components()
                    .all(|c| matches!(c, Component::Normal(_)));
            if !revision_ok {
                return None;
            }
        }
        Some(HubId {
            repo: repo.to_owned(),
            revision: revision.map(str::to_owned),
        })
    }

    /// The revision, `main` by default.
    pub fn revision(&self) -> &str {
        self.revision.as_deref().unwrap_or("main")
    }

    fn hf_repo(&self) -> Repo {
        Repo::with_revision(
            self.repo.clone(),
            RepoType::Model,
            self.revision().to_owned(),
        )
    }
}

/// The cache the Python tools use: `HF_HUB_CACHE`, else `HF_HOME/hub`, else
/// `~/.cache/huggingface/hub`. (`hf_hub::Cache::from_env` reads only `HF_HOME` and panics
/// without a home directory.)
pub fn default_cache() -> Result<Cache, HubError> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("HF_HUB_CACHE") {
        return Ok(Cache::new(PathBuf::from(dir)));
    }
    if let Some(home) = var("HF_HOME") {
        return Ok(Cache::new(PathBuf::from(home).join("hub")));
    }
    let home = std::env::home_dir().ok_or(HubError::NoCacheDir)?;
    Ok(Cache::new(
        home.join(".cache").join("huggingface").join("hub"),
    ))
}

/// The directory holding the model named by `spec`: `spec` itself when it is a directory, else
/// the cached snapshot of the hub id `spec`, else (with `allow_download`) a fresh download of it
/// into the cache.
pub fn resolve_model_dir(spec: &str, allow_download: bool) -> Result<PathBuf, HubError> {
    if Path::new(spec).is_dir() {
        return Ok(PathBuf::from(spec));
    }
    resolve_with_cache(spec, allow_download, &default_cache()?)
}

/// [`resolve_model_dir`] against a given cache.
fn resolve_with_cache(
    spec: &str,
    allow_download: bool,
    cache: &Cache,
) -> Result<PathBuf, HubError> {
    if Path::new(spec).is_dir() {
        return Ok(PathBuf::from(spec));
    }
    let id = HubId::parse(spec).ok_or_else(|| HubError::NotFound(spec.to_owned()))?;
    if let Some(dir) = resolve_in_cache(spec, cache)? {
        // A snapshot left incomplete by an interrupted download is completed when allowed.
        if !allow_download || missing_files(&dir)?.is_empty() {
            return Ok(dir);
        }
    }
    if !allow_download {
        return Err(HubError::NotCached {
            spec: spec.to_owned(),
            repo: id.repo,
            cache: cache.path().clone(),
        });
    }
    download(&id, cache)
}

/// The cached snapshot directory of the hub id `spec` that has a `config.json`: the commit
/// `refs/<revision>` names, or the revision itself when it is a commit hash (or a unique prefix
/// of one). `Ok(None)` when not cached; an error when `spec` is not a hub id.
pub fn resolve_in_cache(spec: &str, cache: &Cache) -> Result<Option<PathBuf>, HubError> {
    let id = HubId::parse(spec).ok_or_else(|| HubError::NotFound(spec.to_owned()))?;
    let repo_dir = cache.path().join(id.hf_repo().folder_name());
    let snapshots = repo_dir.join("snapshots");
    let ref_path = repo_dir.join("refs").join(id.revision());
    let commit = match std::fs::read_to_string(&ref_path) {
        Ok(hash) => Some(hash.trim().to_owned()),
        Err(_) if is_commit_prefix(id.revision()) => unique_snapshot(&snapshots, id.revision()),
        Err(_) => None,
    };
    let Some(commit) = commit else {
        return Ok(None);
    };
    if commit.is_empty() || !commit.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(HubError::BadFile {
            path: ref_path,
            message: format!("`{commit}` is not a commit hash"),
        });
    }
    let dir = snapshots.join(commit);
    Ok(dir.join("config.json").is_file().then_some(dir))
}

/// Whether a revision looks like a (possibly abbreviated) commit hash.
fn is_commit_prefix(revision: &str) -> bool {
    (7..=40).contains(&revision.len()) && revision.chars().all(|c| c.is_ascii_hexdigit())
}

/// The one snapshot whose name starts with `prefix`.
fn unique_snapshot(snapshots: &Path, prefix: &str) -> Option<String> {
    let mut found = std::fs::read_dir(snapshots)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(prefix));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Files the engine needs that `dir` lacks: config, tokenizer, and the weights (one file, or
/// every shard the index lists).
fn missing_files(dir: &Path) -> Result<Vec<String>, HubError> {
    let mut missing: Vec<String> = ["config.json", "tokenizer.json"]
        .into_iter()
        .filter(|f| !dir.join(f).is_file())
        .map(str::to_owned)
        .collect();
    let index = dir.join("model.safetensors.index.json");
    if index.is_file() {
        missing.extend(
            shards(&index)?
                .into_iter()
                .filter(|f| !dir.join(f).is_file()),
        );
    } else if !dir.join("model.safetensors").is_file() {
        missing.push("model.safetensors".to_owned());
    }
    Ok(missing)
}

/// The distinct shard files a `model.safetensors.index.json` maps tensors to, in order.
pub fn shards(index: &Path) -> Result<Vec<String>, HubError> {
    let bad = |message: String| HubError::BadFile {
        path: index.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(index).map_err(|e| bad(e.to_string()))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let map = value
        .get("weight_map")
        .and_then(|m| m.as_object())
        .ok_or_else(|| bad("no weight_map object".to_owned()))?;
    let mut files: Vec<String> = Vec::new();
    for file in map.values() {
        let file = file
            .as_str()
            .ok_or_else(|| bad(format!("weight_map entry {file} is not a file name")))?;
        // Names come from the network: keep them inside the snapshot.
        if !Path::new(file)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(bad(format!(
                "shard name `{file}` leaves the model directory"
            )));
        }
        if !files.iter().any(|f| f == file) {
            files.push(file.to_owned());
        }
    }
    files.sort();
    Ok(files)
}

/// Downloads what the engine needs into `cache` and returns the snapshot directory.
fn download(id: &HubId, cache: &Cache) -> Result<PathBuf, HubError> {
    let failed = |file: &str| {
        let repo = id.repo.clone();
        let file = file.to_owned();
        move |source: ApiError| HubError::Download {
            repo,
            file,
            source: Box::new(source),
        }
    };
    let mut builder = ApiBuilder::from_cache(cache.clone());
    if let Ok(endpoint) = std::env::var("HF_ENDPOINT") {
        builder = builder.with_endpoint(endpoint);
    }
    if let Some(token) = std::env::var("HF_TOKEN").ok().filter(|t| !t.is_empty()) {
        builder = builder.with_token(Some(token));
    }
    let api = builder.build().map_err(failed("client"))?;
    let repo = api.repo(id.hf_repo());
    // The file list decides which optional files and which weight layout to fetch.
    let listed: Vec<String> = repo
        .info()
        .map_err(failed("repository info"))?
        .siblings
        .into_iter()
        .map(|s| s.rfilename)
        .collect();
    let has = |f: &str| listed.iter().any(|l| l == f);
    let config = repo.get("config.json").map_err(failed("config.json"))?;
    for file in [
        "tokenizer.json",
        "generation_config.json",
        "tokenizer_config.json",
    ] {
        if file == "tokenizer.json" || has(file) {
            repo.get(file).map_err(failed(file))?;
        }
    }
    if has("model.safetensors.index.json") {
        let index_file = "model.safetensors.index.json";
        let index = repo.get(index_file).map_err(failed(index_file))?;
        for shard in shards(&index)? {
            repo.get(&shard).map_err(failed(&shard))?;
        }
    } else if has("model.safetensors") {
        repo.get("model.safetensors")
            .map_err(failed("model.safetensors"))?;
    } else {
        return Err(HubError::NoWeights {
            repo: id.repo.clone(),
        });
    }
    config
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| HubError::BadFile {
            path: config.clone(),
            message: "downloaded file has no parent directory".to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "a09a35458c702b33eeacc393d103063234e8bc28";
    const OLD_HASH: &str = "bb46c15ee4bb56c5b63245ef50fd7637234d6f75";

    /// A cache laid out as the hub client writes it: blobs, snapshot symlinks, refs/main.
    fn cache_with_qwen() -> (tempfile::TempDir, Cache) {
        let root = tempfile::tempdir().unwrap();
        let repo = root.path().join("models--Qwen--Qwen2.5-7B-Instruct");
        let blobs = repo.join("blobs");
        std::fs::create_dir_all(&blobs).unwrap();
        for (hash, is_main) in [(HASH, true), (OLD_HASH, false)] {
            let snapshot = repo.join("snapshots").join(hash);
            std::fs::create_dir_all(&snapshot).unwrap();
            for file in ["config.json", "tokenizer.json", "model.safetensors"] {
                let blob = blobs.join(format!("{hash}-{file}"));
                std::fs::write(&blob, "{}").unwrap();
                link(&blob, &snapshot.join(file));
            }
            if is_main {
                std::fs::create_dir_all(repo.join("refs")).unwrap();
                std::fs::write(repo.join("refs/main"), hash).unwrap();
            }
        }
        // Revision `refs/pr/1` is stored under refs/ verbatim, as both clients do.
        std::fs::create_dir_all(repo.join("refs/refs/pr")).unwrap();
        std::fs::write(repo.join("refs/refs/pr/1"), format!("{OLD_HASH}\n")).unwrap();
        let cache = Cache::new(root.path().to_path_buf());
        (root, cache)
    }

    #[cfg(unix)]
    fn link(target: &Path, at: &Path) {
        std::os::unix::fs::symlink(target, at).unwrap();
    }

    #[cfg(not(unix))]
    fn link(target: &Path, at: &Path) {
        std::fs::copy(target, at).unwrap();
    }

    fn snapshot(cache: &Cache, hash: &str) -> PathBuf {
        cache
            .path()
            .join("models--Qwen--Qwen2.5-7B-Instruct/snapshots")
            .join(hash)
    }

    #[test]
    fn hub_ids_parse() {
        let id = HubId::parse("Qwen/Qwen2.5-7B-Instruct@refs/pr/1").unwrap();
        assert_eq!(id.repo, "Qwen/Qwen2.5-7B-Instruct");
        assert_eq!(id.revision(), "refs/pr/1");
        assert_eq!(HubId::parse("Qwen/Qwen3-8B").unwrap().revision(), "main");
        for bad in [
            "qwen",
            "/abs/path",
            "./a/b",
            "a/b/c",
            "a/",
            "../x",
            "a/b@",
            "a/b@../x",
            "a/b@/x",
        ] {
            assert_eq!(HubId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn cached_snapshot_is_found_by_ref_or_commit() {
        let (_root, cache) = cache_with_qwen();
        let found = |spec: &str| resolve_in_cache(spec, &cache).unwrap();
        assert_eq!(
            found("Qwen/Qwen2.5-7B-Instruct"),
            Some(snapshot(&cache, HASH))
        );
        assert_eq!(
            found("Qwen/Qwen2.5-7B-Instruct@main"),
            Some(snapshot(&cache, HASH))
        );
        assert_eq!(
            found("Qwen/Qwen2.5-7B-Instruct@refs/pr/1"),
            Some(snapshot(&cache, OLD_HASH))
        );
        let by_commit = format!("Qwen/Qwen2.5-7B-Instruct@{OLD_HASH}");
        assert_eq!(found(&by_commit), Some(snapshot(&cache, OLD_HASH)));
        assert_eq!(
            found("Qwen/Qwen2.5-7B-Instruct@bb46c15e"),
            Some(snapshot(&cache, OLD_HASH))
        );
        assert_eq!(found("Qwen/Qwen2.5-7B-Instruct@v2"), None);
        assert_eq!(found("Qwen/Qwen3-8B"), None);
        let dir = resolve_with_cache("Qwen/Qwen2.5-7B-Instruct", false, &cache).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("config.json")).unwrap(),
            "{}"
        );
    }

    #[test]
    fn snapshot_without_config_is_not_a_model() {
        let (_root, cache) = cache_with_qwen();
        std::fs::remove_file(snapshot(&cache, HASH).join("config.json")).unwrap();
        assert_eq!(
            resolve_in_cache("Qwen/Qwen2.5-7B-Instruct", &cache).unwrap(),
            None
        );
    }

    #[test]
    fn missing_model_error_names_the_cache_and_the_way_out() {
        let (root, cache) = cache_with_qwen();
        let err = resolve_with_cache("Qwen/Qwen3-8B", false, &cache).unwrap_err();
        assert!(matches!(err, HubError::NotCached { .. }));
        let message = err.to_string();
        assert!(
            message.contains(&root.path().display().to_string()),
            "{message}"
        );
        assert!(message.contains("--allow-download"), "{message}");
        assert!(
            message.contains("huggingface-cli download Qwen/Qwen3-8B"),
            "{message}"
        );
        let err = resolve_with_cache("no-such-dir", false, &cache).unwrap_err();
        assert!(matches!(err, HubError::NotFound(_)), "{err}");
    }

    #[test]
    fn existing_directory_wins_over_a_hub_id() {
        // `src/generate` (relative to the crate root, the test's working directory) has the
        // shape of a hub id; a cache entry of that name must not shadow it.
        let (root, cache) = cache_with_qwen();
        let snapshot = root
            .path()
            .join("models--src--generate/snapshots")
            .join(HASH);
        std::fs::create_dir_all(&snapshot).unwrap();
        std::fs::write(snapshot.join("config.json"), "{}").unwrap();
        std::fs::create_dir_all(root.path().join("models--src--generate/refs")).unwrap();
        std::fs::write(root.path().join("models--src--generate/refs/main"), HASH).unwrap();
        assert!(resolve_in_cache("src/generate", &cache).unwrap().is_some());
        assert_eq!(
            resolve_with_cache("src/generate", false, &cache).unwrap(),
            PathBuf::from("src/generate")
        );
        let abs = root.path().to_str().unwrap();
        assert_eq!(resolve_model_dir(abs, false).unwrap(), root.path());
    }

    #[test]
    fn missing_files_checks_shards() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("model.safetensors.index.json");
        std::fs::write(
            &index,
            r#"{"weight_map": {"a": "model-00002-of-00002.safetensors",
                "b": "model-00001-of-00002.safetensors", "c": "model-00001-of-00002.safetensors"}}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("config.json"), "{}").unwrap();
        std::fs::write(dir.path().join("model-00001-of-00002.safetensors"), "").unwrap();
        assert_eq!(
            missing_files(dir.path()).unwrap(),
            vec!["tokenizer.json", "model-00002-of-00002.safetensors"]
        );
        std::fs::write(&index, r#"{"weight_map": {"a": "../../etc/passwd"}}"#).unwrap();
        assert!(shards(&index).is_err());
        std::fs::write(&index, r#"{"metadata": {}}"#).unwrap();
        assert!(shards(&index)
            .unwrap_err()
            .to_string()
            .contains("weight_map"));
    }

    #[test]
    fn bad_ref_file_is_an_error() {
        let (root, cache) = cache_with_qwen();
        let refs = root
            .path()
            .join("models--Qwen--Qwen2.5-7B-Instruct/refs/main");
        std::fs::write(&refs, "../../escape").unwrap();
        assert!(resolve_in_cache("Qwen/Qwen2.5-7B-Instruct", &cache).is_err());
    }
}
