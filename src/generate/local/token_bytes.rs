//! The raw bytes of one token, as OpenAI's `logprobs` report them (`bytes`).
//!
//! Qwen's vocabulary is GPT-2 byte-level BPE: each token is written in an alphabet that maps every
//! byte to a printable character (`bytes_to_unicode`), so a token that holds part of a UTF-8
//! sequence is still a valid string in the vocabulary. Inverting that map gives the token's bytes;
//! decoding the token alone would turn a partial sequence into U+FFFD and lose them.

use super::tokenizer::ChatTokenizer;

/// The byte a byte-level BPE character stands for, if it is one. GPT-2's `bytes_to_unicode` keeps
/// the printable bytes `!`..=`~`, `¡`..=`¬` and `®`..=`ÿ` as themselves and maps the other 68
/// (0..=32, 127..=160 and 173, in that order) to U+0100 onwards.
fn byte_level_byte(c: char) -> Option<u8> {
    let c = u32::from(c);
    match c {
        33..=126 | 161..=172 | 174..=255 => Some(c as u8),
        256..=288 => Some((c - 256) as u8),
        289..=322 => Some((c - 289 + 127) as u8),
        323 => Some(173),
        _ => None,
    }
}

impl ChatTokenizer {
    /// The bytes of token `id`: the byte-level BPE inverse for vocabulary tokens, the content for
    /// added tokens (`<|im_end|>` and the like), and the token decoded alone for a vocabulary
    /// that is not byte-level. Empty for an id the tokenizer does not know (the model's padded
    /// embedding rows).
    pub fn token_bytes(&self, id: u32) -> Vec<u8> {
        let inner = self.inner();
        if let Some(added) = inner.get_added_vocabulary().simple_id_to_token(id) {
            return added.into_bytes();
        }
        let Some(token) = inner.id_to_token(id) else {
            return Vec::new();
        };
        token
            .chars()
            .map(byte_level_byte)
            .collect::<Option<Vec<u8>>>()
            .unwrap_or_else(|| self.decode(&[id]).unwrap_or_default().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// GPT-2's `bytes_to_unicode`, written as in the reference implementation.
    fn bytes_to_unicode() -> Vec<(u8, char)> {
        let mut printable: Vec<u32> = (33..=126).chain(161..=172).chain(174..=255).collect();
        let mut chars = printable.clone();
        let mut extra = 0;
        for b in 0..=255u32 {
            if !printable.contains(&b) {
                printable.push(b);
                chars.push(256 + extra);
                extra += 1;
            }
        }
        printable
            .into_iter()
            .zip(chars)
            .map(|(b, c)| (b as u8, char::from_u32(c).unwrap()))
            .collect()
    }

    #[test]
    fn the_inverse_map_matches_bytes_to_unicode() {
        let map = bytes_to_unicode();
        assert_eq!(map.len(), 256);
        for (b, c) in map {
            assert_eq!(byte_level_byte(c), Some(b), "{c:?}");
        }
        assert_eq!(byte_level_byte('\u{144}'), None);
        assert_eq!(byte_level_byte('日'), None);
        assert_eq!(byte_level_byte(' '), None);
    }

    #[test]
    fn qwen_token_bytes_concatenate_to_the_decoded_text() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tokenizer/qwen");
        let tok = ChatTokenizer::from_dir(&dir).unwrap();
        // Whole characters split over several tokens ("🦀" is more than one token) still join up.
        let text = "def f(x):\n    return x  # Café 日本語 🦀🚀 ✓";
        let ids = tok.encode(text).unwrap();
        let bytes: Vec<u8> = ids.iter().flat_map(|&id| tok.token_bytes(id)).collect();
        assert_eq!(bytes, text.as_bytes());
        assert!(ids
            .iter()
            .any(|&id| std::str::from_utf8(&tok.token_bytes(id)).is_err()));
        // Special tokens are their content; unknown ids are empty.
        assert_eq!(tok.token_bytes(151645), b"<|im_end|>");
        assert!(tok.token_bytes(u32::MAX).is_empty());
        // Arbitrary vocabulary ids: the bytes read as the full decode does.
        let ids: Vec<u32> = (0..2000u32).map(|i| (i * 7919) % 151_000).collect();
        let bytes: Vec<u8> = ids.iter().flat_map(|&id| tok.token_bytes(id)).collect();
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            tok.decode(&ids).unwrap().as_str()
        );
    }
}
