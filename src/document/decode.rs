//! What valid input is: UTF-8 text without NUL bytes. Empty input is a valid (empty) draft.
//!
//! The binary reads files, standard input and git revisions; a library user (the browser app) has
//! bytes. Both turn them into text here, with the same one-line errors.

use crate::error::{Error, Result};

/// Checks that `bytes` are a text draft and turns them into a string.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    if let Some(byte) = memchr::memchr(0, &bytes) {
        return Err(Error::Binary {
            path: name.to_string(),
            byte,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: name.to_string(),
        byte: e.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_byte() {
        let err = decode("a.txt", b"abc\xffdef".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte 3");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode("a.bin", b"ab\0".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.bin: binary file (NUL byte at offset 2), not a text draft"
        );
    }

    #[test]
    fn empty_input_is_an_empty_draft() {
        assert_eq!(decode("e.txt", Vec::new()).unwrap(), "");
    }
}
