//! Reading a draft's bytes from a file or standard input, and refusing what is not a text draft.
//!
//! This is the one place that decides what valid input is: UTF-8 text without NUL bytes. Empty input is a
//! valid (empty) draft.

use std::io::Read;

use crate::error::{Error, Result};

/// A draft's text and where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name the user gave: a path, or `-` for standard input.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Reads `spec`: a path, or `-` for standard input.
pub fn read(spec: &str) -> Result<Source> {
    let bytes = if spec == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: spec.to_string(),
                source,
            })?;
        bytes
    } else {
        read_file(spec)?
    };
    Ok(Source {
        name: spec.to_string(),
        text: decode(spec, bytes)?,
    })
}

fn read_file(path: &str) -> Result<Vec<u8>> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(Error::IsDirectory {
                path: path.to_string(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound {
                path: path.to_string(),
            });
        }
        _ => {}
    }
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_string(),
        source,
    })
}

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
