//! The chat model's tokenizer (a Hugging Face `tokenizer.json`) and incremental detokenisation.
//!
//! [`ChatTokenizer`] encodes ChatML text whose special tokens (`<|im_start|>`, `<|im_end|>`) are
//! already written out, and knows which ids end a turn. [`TextStream`] turns one sample's ids back
//! into text as they are generated, watching for stop strings, at a cost per step that depends on
//! the new tokens only.

use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why loading, encoding or decoding failed.
#[derive(Debug, Error)]
pub enum TokenizerError {
    /// `tokenizer.json` is missing or is not a tokenizer the `tokenizers` crate can read.
    #[error("cannot load tokenizer {}: {source}", path.display())]
    Load {
        /// The file that failed.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: tokenizers::Error,
    },
    /// A model config file exists but is not valid JSON.
    #[error("cannot read {}: {message}", path.display())]
    Config {
        /// The config file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The tokenizer refused to encode a text.
    #[error("encoding failed: {0}")]
    Encode(#[source] tokenizers::Error),
    /// The tokenizer refused to decode ids (for example an id outside the vocabulary).
    #[error("decoding failed: {0}")]
    Decode(#[source] tokenizers::Error),
}

/// Special tokens that end a ChatML turn, used when no config names the eos ids.
const FALLBACK_EOS_TOKENS: [&str; 2] = ["<|im_end|>", "<|endoftext|>"];

/// A `tokenizer.json` tokenizer plus the ids that end generation.
#[derive(Clone, Debug)]
pub struct ChatTokenizer {
    inner: tokenizers::Tokenizer,
    eos_ids: Vec<u32>,
}

impl ChatTokenizer {
    /// Loads `dir/tokenizer.json`; eos ids come from `generation_config.json`'s `eos_token_id`
    /// (a number or a list), else `config.json`'s, else the ids of `<|im_end|>` and
    /// `<|endoftext|>` where the vocabulary has them.
    pub fn from_dir(dir: &Path) -> Result<ChatTokenizer, TokenizerError> {
        let mut tokenizer = ChatTokenizer::from_file(&dir.join("tokenizer.json"), Vec::new())?;
        let mut eos_ids = None;
        for name in ["generation_config.json", "config.json"] {
            eos_ids = read_eos_ids(&dir.join(name))?;
            if eos_ids.is_some() {
                break;
            }
        }
        tokenizer.eos_ids = match eos_ids {
            Some(ids) => ids,
            None => FALLBACK_EOS_TOKENS
                .iter()
                .filter_map(|token| tokenizer.token_id(token))
                .collect(),
        };
        Ok(tokenizer)
    }

    /// Loads a `tokenizer.json` file with the given eos ids.
    pub fn from_file(
        tokenizer_json: &Path,
        eos_ids: Vec<u32>,
    ) -> Result<ChatTokenizer, TokenizerError> {
        let inner = tokenizers::Tokenizer::from_file(tokenizer_json).map_err(|source| {
            TokenizerError::Load {
                path: tokenizer_json.to_path_buf(),
                source,
            }
        })?;
        Ok(ChatTokenizer { inner, eos_ids })
    }

    /// Encodes text as the model sees it: special tokens written in the text become their single
    /// ids, and nothing is added around it (the chat template already placed every marker).
    pub fn encode(&self, text: &str) -> Result<Vec<u32>, TokenizerError> {
        let encoding = self
            .inner
            .encode(text, false)
            .map_err(TokenizerError::Encode)?;
        Ok(encoding.get_ids().to_vec())
    }

    /// Decodes ids to text, special tokens included.
    pub fn decode(&self, ids: &[u32]) -> Result<String, TokenizerError> {
        self.inner
            .decode(ids, false)
            .map_err(TokenizerError::Decode)
    }

    /// Ids that end a sample.
    pub fn eos_ids(&self) -> &[u32] {
        &self.eos_ids
    }

    /// Whether `id` ends a sample.
    pub fn is_eos(&self, id: u32) -> bool {
        self.eos_ids.contains(&id)
    }

    /// The id of one token (special tokens included), if the vocabulary has it.
    pub fn token_id(&self, token: &str) -> Option<u32> {
        self.inner.token_to_id(token)
    }

    /// Number of ids the tokenizer knows, added tokens included. The model's embedding table may
    /// be larger (padded); ids beyond this decode to nothing useful.
    pub fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    /// The wrapped `tokenizers` tokenizer.
    pub fn inner(&self) -> &tokenizers::Tokenizer {
        &self.inner
    }
}

/// Reads `eos_token_id` from a JSON config: `Ok(None)` when the file or the key is absent.
fn read_eos_ids(path: &Path) -> Result<Option<Vec<u32>>, TokenizerError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(TokenizerError::Config {
                path: path.to_path_buf(),
                message: e.to_string(),
            })
        }
    };
    let config_error = |message: String| TokenizerError::Config {
        path: path.to_path_buf(),
        message,
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| config_error(e.to_string()))?;
    let as_id = |v: &serde_json::Value| {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| config_error(format!("eos_token_id entry {v} is not a token id")))
    };
    match value.get("eos_token_id") {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(as_id)
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(single) => Ok(Some(vec![as_id(single)?])),
    }
}

/// Tokens held back waiting for a UTF-8 sequence to complete before the text is emitted anyway;
/// a character spans at most 4 bytes, so a longer wait means the model wrote invalid bytes.
const MAX_HELD_TOKENS: usize = 8;

/// What [`TextStream::push`] saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamStep {
    /// No stop string yet: keep decoding.
    Continue,
    /// A stop string has appeared: the sample is done.
    Stop,
}

/// Incremental detokenisation of one sample, with stop strings.
///
/// Uses the prefix-offset/read-offset technique (as in TGI and vLLM): each step decodes only the
/// ids since the last emitted chunk plus the chunk before it for context (so decoders that
/// treat the first token specially agree on both decodes), emits the text past that context, and
/// holds back while the tail ends in U+FFFD (a UTF-8 sequence split across tokens). Push the
/// generated ids only: an eos id pushed here would be rendered as its special-token text.
#[derive(Clone, Debug)]
pub struct TextStream {
    stop_strings: Vec<String>,
    /// Longest stop string in bytes: how far back a new occurrence can start.
    max_stop_len: usize,
    ids: Vec<u32>,
    /// Start of the context window (the previous chunk's first id).
    prefix_offset: usize,
    /// First id not yet emitted as text.
    read_offset: usize,
    /// `decode(ids[prefix_offset..read_offset])`.
    prefix_text: String,
    /// Text emitted so far.
    text: String,
    /// Byte offset in `text` of the first stop string occurrence.
    stop_at: Option<usize>,
}

impl TextStream {
    /// A stream ending at the first occurrence of any of `stop_strings` (empty ones are ignored).
    pub fn new(stop_strings: Vec<String>) -> TextStream {
        let stop_strings: Vec<String> =
            stop_strings.into_iter().filter(|s| !s.is_empty()).collect();
        let max_stop_len = stop_strings.iter().map(String::len).max().unwrap_or(0);
        TextStream {
            stop_strings,
            max_stop_len,
            ids: Vec::new(),
            prefix_offset: 0,
            read_offset: 0,
            prefix_text: String::new(),
            text: String::new(),
            stop_at: None,
        }
    }

    /// Adds one generated id. Returns [`StreamStep::Stop`] once a stop string has appeared in the
    /// text (ids pushed after that are ignored).
    pub fn push(&mut self, tok: &ChatTokenizer, id: u32) -> Result<StreamStep, TokenizerError> {
        if self.stop_at.is_some() {
            return Ok(StreamStep::Stop);
        }
        self.ids.push(id);
        let window = tok.decode(&self.ids[self.prefix_offset..])?;
        let complete = window.len() > self.prefix_text.len() && !window.ends_with('\u{FFFD}');
        if complete || self.ids.len() - self.read_offset > MAX_HELD_TOKENS {
            let old_len = self.text.len();
            self.text.push_str(text_after(&window, &self.prefix_text));
            self.prefix_text = tok.decode(&self.ids[self.read_offset..])?;
            self.prefix_offset = self.read_offset;
            self.read_offset = self.ids.len();
            self.find_stop(old_len);
        }
        Ok(if self.stop_at.is_some() {
            StreamStep::Stop
        } else {
            StreamStep::Continue
        })
    }

    /// Ids pushed so far (up to the one that completed a stop string).
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// Whether a stop string has appeared.
    pub fn stopped(&self) -> bool {
        self.stop_at.is_some()
    }

    /// Text emitted so far; may run past a stop string and lacks any held-back tail.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many bytes of [`TextStream::text`] are final, so a streaming answer may send them:
    /// once a stop string has appeared, the text before it; otherwise all of it except the
    /// longest tail that could be the start of a stop string (more text may complete it, and
    /// then it must never have been sent). The text [`TextStream::finish`] returns starts with
    /// these bytes.
    pub fn settled_len(&self) -> usize {
        if let Some(at) = self.stop_at {
            return at;
        }
        let text = self.text.as_bytes();
        let mut held = 0;
        for stop in &self.stop_strings {
            let stop = stop.as_bytes();
            // A whole stop string in the text would have set `stop_at`: proper prefixes only.
            // A prefix that matches starts at a character boundary of the text, since the stop
            // string starts with one.
            if let Some(k) = (held + 1..stop.len().min(text.len() + 1))
                .rev()
                .find(|&k| text.ends_with(&stop[..k]))
            {
                held = k;
            }
        }
        text.len() - held
    }

    /// The whole text, cut before the first stop string. Without a stop string it equals
    /// decoding all pushed ids at once.
    pub fn finish(mut self, tok: &ChatTokenizer) -> String {
        if self.stop_at.is_none() && self.read_offset < self.ids.len() {
            // The held-back tail (an unfinished UTF-8 sequence) goes out as the full decode
            // would render it. A decode error is impossible here: push decoded these ids.
            if let Ok(window) = tok.decode(&self.ids[self.prefix_offset..]) {
                let old_len = self.text.len();
                let tail = text_after(&window, &self.prefix_text).to_owned();
                self.text.push_str(&tail);
                self.find_stop(old_len);
            }
        }
        if let Some(at) = self.stop_at {
            self.text.truncate(at);
        }
        self.text
    }

    /// Looks for stop strings that end after byte `old_len` of the text.
    fn find_stop(&mut self, old_len: usize) {
        if self.stop_strings.is_empty() || self.text.len() == old_len {
            return;
        }
        // An occurrence ending in the new text starts at most `max_stop_len - 1` bytes earlier.
        let mut start = old_len.saturating_sub(self.max_stop_len.saturating_sub(1));
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let region = &self.text[start..];
        self.stop_at = self
            .stop_strings
            .iter()
            .filter_map(|stop| region.find(stop.as_str()))
            .min()
            .map(|at| start + at);
    }
}

/// The part of `window` past the context text `prefix`. When the decoder did not reproduce the
/// prefix exactly (not seen with byte-level BPE), the text past the common prefix is used.
fn text_after<'a>(window: &'a str, prefix: &str) -> &'a str {
    if let Some(rest) = window.strip_prefix(prefix) {
        return rest;
    }
    let common: usize = window
        .char_indices()
        .zip(prefix.chars())
        .take_while(|((_, a), b)| a == b)
        .map(|((_, a), _)| a.len_utf8())
        .sum();
    &window[common..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenizers::models::bpe::{Vocab, BPE};
    use tokenizers::pre_tokenizers::byte_level::ByteLevel;
    use tokenizers::AddedToken;

    /// Varied text: ASCII, code, accents, CJK, emoji (4-byte and ZWJ sequences).
    const VARIED: &str = "def f(x):\n    return x ** 2  # square\n\nCafé naïve façade — \
        日本語のテキストと中文字符。 Emoji: 🦀🚀👩‍👩‍👧 ✓ 🇫🇷\n\t{\"k\": [1, 2.5e-3]}";

    /// A tiny byte-level BPE (one id per byte, a few merges, ChatML specials) saved to `dir`.
    fn tiny_tokenizer(dir: &Path) {
        let mut alphabet: Vec<char> = ByteLevel::alphabet().into_iter().collect();
        alphabet.sort_unstable();
        let mut vocab: Vocab = alphabet
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), i as u32))
            .collect();
        // "é" is bytes C3 A9 = "Ã©" in the byte-level alphabet; "Ġ" is a space.
        let merges: Vec<(String, String)> = [("Ġ", "t"), ("h", "e"), ("Ã", "©"), ("r", "e")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        for (a, b) in &merges {
            let id = vocab.len() as u32;
            vocab.insert(format!("{a}{b}"), id);
        }
        let bpe = BPE::builder()
            .vocab_and_merges(vocab, merges)
            .build()
            .unwrap();
        let mut tokenizer = tokenizers::Tokenizer::new(bpe);
        tokenizer.with_pre_tokenizer(Some(ByteLevel::default().add_prefix_space(false)));
        tokenizer.with_decoder(Some(ByteLevel::default()));
        tokenizer.add_special_tokens(&[
            AddedToken::from("<|endoftext|>", true),
            AddedToken::from("<|im_start|>", true),
            AddedToken::from("<|im_end|>", true),
        ]);
        tokenizer.save(dir.join("tokenizer.json"), false).unwrap();
    }

    fn tiny() -> (tempfile::TempDir, ChatTokenizer) {
        let dir = tempfile::tempdir().unwrap();
        tiny_tokenizer(dir.path());
        let tok = ChatTokenizer::from_dir(dir.path()).unwrap();
        (dir, tok)
    }

    /// The real Qwen tokenizer fixture, loaded once (8 MB of JSON).
    fn qwen() -> &'static ChatTokenizer {
        static QWEN: std::sync::OnceLock<ChatTokenizer> = std::sync::OnceLock::new();
        QWEN.get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tokenizer/qwen");
            ChatTokenizer::from_dir(&dir).unwrap()
        })
    }

    /// Streams `ids` and returns (text from `finish`, whether a stop was reported, ids pushed).
    fn stream(tok: &ChatTokenizer, ids: &[u32], stops: &[&str]) -> (String, bool, usize) {
        let mut s = TextStream::new(stops.iter().map(|s| s.to_string()).collect());
        let mut stopped = false;
        for &id in ids {
            if s.push(tok, id).unwrap() == StreamStep::Stop {
                stopped = true;
                break;
            }
        }
        let pushed = s.ids().len();
        (s.finish(tok), stopped, pushed)
    }

    #[test]
    fn special_tokens_encode_as_single_ids() {
        let (_dir, tok) = tiny();
        let start = tok.token_id("<|im_start|>").unwrap();
        let end = tok.token_id("<|im_end|>").unwrap();
        let ids = tok.encode("<|im_start|>user\nhi<|im_end|>").unwrap();
        assert_eq!(ids.first(), Some(&start));
        assert_eq!(ids.last(), Some(&end));
        assert_eq!(tok.decode(&ids).unwrap(), "<|im_start|>user\nhi<|im_end|>");
        // No config files: eos falls back to the ChatML end tokens found in the vocabulary.
        let eos = tok.token_id("<|endoftext|>").unwrap();
        assert_eq!(tok.eos_ids(), &[end, eos]);
        assert!(tok.is_eos(end) && !tok.is_eos(start));
        assert_eq!(tok.vocab_size(), 256 + 4 + 3);
    }

    #[test]
    fn eos_ids_come_from_generation_config_then_config() {
        let dir = tempfile::tempdir().unwrap();
        tiny_tokenizer(dir.path());
        std::fs::write(dir.path().join("config.json"), r#"{"eos_token_id": 7}"#).unwrap();
        assert_eq!(ChatTokenizer::from_dir(dir.path()).unwrap().eos_ids(), &[7]);
        let generation = dir.path().join("generation_config.json");
        std::fs::write(&generation, r#"{"eos_token_id": [3, 5]}"#).unwrap();
        assert_eq!(
            ChatTokenizer::from_dir(dir.path()).unwrap().eos_ids(),
            &[3, 5]
        );
        // A generation config without the key defers to config.json.
        std::fs::write(&generation, r#"{"temperature": 0.7}"#).unwrap();
        assert_eq!(ChatTokenizer::from_dir(dir.path()).unwrap().eos_ids(), &[7]);
        std::fs::write(&generation, "{not json").unwrap();
        let err = ChatTokenizer::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("generation_config.json"), "{err}");
        std::fs::write(&generation, r#"{"eos_token_id": -1}"#).unwrap();
        assert!(ChatTokenizer::from_dir(dir.path()).is_err());
    }

    #[test]
    fn missing_or_malformed_tokenizer_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let err = ChatTokenizer::from_dir(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("tokenizer.json") && err.contains("cannot load"),
            "{err}"
        );
        std::fs::write(dir.path().join("tokenizer.json"), "{\"model\": 3}").unwrap();
        let err = ChatTokenizer::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
    }

    #[test]
    fn out_of_vocab_id_is_an_error_not_a_panic() {
        let (_dir, tok) = tiny();
        let mut s = TextStream::new(vec![]);
        // Either an error or an empty decode is fine; it must not panic.
        let _ = s.push(&tok, u32::MAX);
        let _ = tok.decode(&[u32::MAX]);
    }

    #[test]
    fn stream_matches_full_decode_with_split_utf8() {
        let (_dir, tok) = tiny();
        let ids = tok.encode(VARIED).unwrap();
        // One id per byte for most characters: multi-byte characters span several ids.
        assert!(ids.len() > VARIED.chars().count());
        let mut s = TextStream::new(vec![]);
        for &id in &ids {
            assert_eq!(s.push(&tok, id).unwrap(), StreamStep::Continue);
            assert!(!s.text().contains('\u{FFFD}'), "{:?}", s.text());
        }
        let text = s.finish(&tok);
        assert_eq!(text, tok.decode(&ids).unwrap());
        assert_eq!(text, VARIED);
    }

    #[test]
    fn unfinished_utf8_tail_is_flushed_like_a_full_decode() {
        let (_dir, tok) = tiny();
        // The first byte of "🦀" alone: held back by push, rendered as U+FFFD by finish.
        let ids = tok.encode("ab🦀").unwrap();
        let cut = &ids[..3];
        let (text, _, _) = stream(&tok, cut, &[]);
        assert_eq!(text, tok.decode(cut).unwrap());
        assert!(text.starts_with("ab") && text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn invalid_bytes_do_not_hold_the_stream_forever() {
        let (_dir, tok) = tiny();
        // A lone continuation byte repeated: never valid UTF-8.
        // (byte A2 is the character '¢' in the byte-level alphabet).
        let bad = tok.token_id("¢").unwrap();
        let mut s = TextStream::new(vec![]);
        for _ in 0..3 * MAX_HELD_TOKENS {
            s.push(&tok, bad).unwrap();
        }
        assert!(!s.text().is_empty());
    }

    #[test]
    fn stop_strings_cut_the_text_across_token_boundaries() {
        let (_dir, tok) = tiny();
        let ids = tok.encode("print(1)\n```\nafter").unwrap();
        let (text, stopped, pushed) = stream(&tok, &ids, &["```", "never"]);
        assert!(stopped);
        assert_eq!(text, "print(1)\n");
        assert!(pushed < ids.len());
        // The earliest occurrence wins, whichever stop string it is.
        let ids = tok.encode("xx STOP yy END").unwrap();
        let (text, _, _) = stream(&tok, &ids, &["END", "STOP"]);
        assert_eq!(text, "xx ");
        // A multi-byte stop string split over two ids (no merge for "ü"); empty stops are ignored.
        let ids = tok.encode("aüb").unwrap();
        assert_eq!(ids.len(), 4);
        let (text, stopped, _) = stream(&tok, &ids, &["ü", ""]);
        assert!(stopped);
        assert_eq!(text, "a");
    }

    #[test]
    fn settled_text_never_includes_what_a_stop_string_could_cut() {
        let (_dir, tok) = tiny();
        let ids = tok.encode("ab```c").unwrap();
        let mut s = TextStream::new(vec!["```".into(), "bx".into()]);
        let mut settled = Vec::new();
        for &id in &ids {
            s.push(&tok, id).unwrap();
            settled.push(s.text()[..s.settled_len()].to_string());
        }
        // "a", then "ab" holds back "b" (could start "bx"), "ab`" and "ab``" hold back the
        // backticks; the stop string then settles the text before it for good.
        assert_eq!(settled, ["a", "a", "ab", "ab", "ab", "ab"]);
        assert!(s.stopped());
        assert_eq!(s.finish(&tok), "ab");
        // Without stop strings everything emitted is settled, and the finished text extends it.
        let mut s = TextStream::new(vec![]);
        for &id in &tok.encode("héllo").unwrap() {
            s.push(&tok, id).unwrap();
            assert_eq!(s.settled_len(), s.text().len());
        }
        let settled = s.text().to_string();
        assert!(s.finish(&tok).starts_with(&settled));
    }

    #[test]
    fn qwen_special_tokens_and_eos() {
        let tok = qwen();
        assert_eq!(tok.encode("<|im_end|>").unwrap(), vec![151645]);
        assert_eq!(tok.encode("<|im_start|>").unwrap(), vec![151644]);
        assert_eq!(tok.token_id("<|endoftext|>"), Some(151643));
        // The fixture has no config files: eos falls back to the ChatML end tokens.
        assert_eq!(tok.eos_ids(), &[151645, 151643]);
        let chat = "<|im_start|>user\nSolve it.<|im_end|>\n<|im_start|>assistant\n";
        let ids = tok.encode(chat).unwrap();
        assert_eq!(ids[0], 151644);
        assert_eq!(tok.decode(&ids).unwrap(), chat);
    }

    #[test]
    fn qwen_fixture_prompts_encode_and_stream_exactly() {
        // Each line: a text and the ids tiktoken gives for it (after NFC normalisation).
        let tok = qwen();
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/tokenizer/arc_prompts.jsonl");
        let lines = std::fs::read_to_string(path).unwrap();
        let mut texts = vec![VARIED.to_owned()];
        for line in lines.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let ids: Vec<u32> = serde_json::from_value(v["ids"].clone()).unwrap();
            assert_eq!(
                tok.encode(v["text"].as_str().unwrap()).unwrap(),
                ids,
                "{}",
                v["task_id"]
            );
            texts.push(tok.decode(&ids).unwrap());
        }
        assert_eq!(texts.len(), 13);
        for text in texts {
            let ids = tok.encode(&text).unwrap();
            assert_eq!(tok.decode(&ids).unwrap(), text);
            assert_eq!(stream(tok, &ids, &["<never>"]), (text, false, ids.len()));
        }
    }

    #[test]
    fn qwen_random_ids_stream_like_a_full_decode() {
        // Arbitrary ids split characters and write invalid UTF-8; the stream must still agree.
        use rand::{Rng, SeedableRng};
        let tok = qwen();
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let ids: Vec<u32> = (0..3000).map(|_| rng.gen_range(0..151_669)).collect();
        let (text, _, _) = stream(tok, &ids, &[]);
        assert_eq!(text, tok.decode(&ids).unwrap());
    }
}
