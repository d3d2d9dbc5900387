//! Which files a rendered report is saved as. Pure: the caller writes them (the runtime
//! into the reports folder, the CLI where `-o` says), so naming is decided once.

use std::path::{Path, PathBuf};

use super::Rendered;

impl Rendered {
    /// The files this report is saved as when its main file is `path`: the main text and,
    /// for CSV, the votes beside it ([`votes_path`]).
    pub fn files(&self, path: &Path) -> Vec<(PathBuf, &str)> {
        let mut files = vec![(path.to_path_buf(), self.main.as_str())];
        if let Some(votes) = &self.votes_csv {
            files.push((votes_path(path), votes.as_str()));
        }
        files
    }
}

/// `report.csv` → `report-votes.csv`; `report` → `report-votes`.
pub fn votes_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().map_or_else(
        || "report".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let name = match path.extension() {
        Some(ext) => format!("{stem}-votes.{}", ext.to_string_lossy()),
        None => format!("{stem}-votes"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_file_sits_beside_the_report() {
        assert_eq!(
            votes_path(Path::new("out/q4.csv")),
            PathBuf::from("out/q4-votes.csv")
        );
        assert_eq!(votes_path(Path::new("q4")), PathBuf::from("q4-votes"));
        assert_eq!(
            votes_path(Path::new("a.b/q.v1.csv")),
            PathBuf::from("a.b/q.v1-votes.csv")
        );
    }

    #[test]
    fn a_csv_report_is_two_files_and_the_others_one() {
        let csv = Rendered {
            main: "q".into(),
            votes_csv: Some("v".into()),
        };
        assert_eq!(
            csv.files(Path::new("out/q4.csv")),
            vec![
                (PathBuf::from("out/q4.csv"), "q"),
                (PathBuf::from("out/q4-votes.csv"), "v")
            ]
        );
        let md = Rendered {
            main: "# Q4".into(),
            votes_csv: None,
        };
        assert_eq!(
            md.files(Path::new("q4.md")),
            vec![(PathBuf::from("q4.md"), "# Q4")]
        );
    }
}
