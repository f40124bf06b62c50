//! Colours by role. The only module that calls `colored`; the plain palette returns text with the
//! `[-deleted-]{+inserted+}` markers of wdiff and git's word diff, and never an escape code.

use colored::Colorize;

use crate::classify::Severity;

/// Styles for the roles of a terminal report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    styled: bool,
}

impl Default for Palette {
    fn default() -> Self {
        Palette::plain()
    }
}

impl Palette {
    /// Colours when `color`, else plain markers.
    pub fn new(color: bool) -> Palette {
        Palette { styled: color }
    }

    /// Plain text with markers.
    pub fn plain() -> Palette {
        Palette { styled: false }
    }

    /// Whether text is marked with `[-…-]`/`{+…+}` instead of coloured.
    pub fn is_plain(self) -> bool {
        !self.styled
    }

    /// Deleted words.
    pub fn deleted(self, text: &str) -> String {
        if self.styled {
            text.red().strikethrough().to_string()
        } else {
            format!("[-{text}-]")
        }
    }

    /// Inserted words.
    pub fn inserted(self, text: &str) -> String {
        if self.styled {
            text.green().underline().to_string()
        } else {
            format!("{{+{text}+}}")
        }
    }

    /// A clause header.
    pub fn header(self, text: &str) -> String {
        if self.styled {
            text.bold().cyan().to_string()
        } else {
            text.to_string()
        }
    }

    /// Text of secondary importance.
    pub fn dim(self, text: &str) -> String {
        if self.styled {
            text.dimmed().to_string()
        } else {
            text.to_string()
        }
    }

    /// A severity name, coloured by severity.
    pub fn severity(self, severity: Severity, text: &str) -> String {
        if !self.styled {
            return text.to_string();
        }
        match severity {
            Severity::High => text.red().bold().to_string(),
            Severity::Medium => text.yellow().bold().to_string(),
            Severity::Low => text.blue().to_string(),
            Severity::Info => text.dimmed().to_string(),
        }
    }
}
