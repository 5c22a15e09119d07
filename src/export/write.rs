//! Writing rows as JSONL or Parquet, one file per split, atomically.
//!
//! Each split goes to a hidden temporary file in the output directory; only when every row is
//! written are the files renamed to `train.<ext>` / `validation.<ext>`. An interrupted export
//! therefore never leaves a half-written data file under a final name. Parquet rows are buffered
//! in small batches and row groups, so memory stays bounded however many rows there are.

use super::render::{GridsRow, ProgramRow, Row};
use super::ExportError;
use crate::task::Grid;
use arrow_array::builder::{
    BooleanBuilder, Float64Builder, ListBuilder, StringBuilder, StructBuilder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tempfile::NamedTempFile;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet (snappy-compressed).
    Parquet,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }
}

/// The dataset splits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Split {
    /// Training examples.
    Train,
    /// Held-out tasks.
    Validation,
}

impl Split {
    /// The file stem (the names `datasets` recognises as splits).
    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Validation => "validation",
        }
    }
}

/// Rows per Arrow record batch (and the bound on rows held before writing).
const BATCH_ROWS: usize = 256;
/// Rows per Parquet row group of program rows (a group is held in memory until it is complete).
const ROW_GROUP_ROWS: usize = 1024;
/// Rows per row group of grids rows: nested lists of cells, several times the memory per row.
const GRID_ROW_GROUP_ROWS: usize = 256;
/// Estimated encoded bytes per row group (a second bound for rows of unusual size).
const ROW_GROUP_BYTES: usize = 8 << 20;

fn output_error(path: &Path, e: impl std::fmt::Display) -> ExportError {
    ExportError::Output {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

enum Sink {
    Jsonl(BufWriter<std::fs::File>),
    Parquet {
        writer: Box<ArrowWriter<std::fs::File>>,
        buffer: Vec<Row>,
    },
}

struct SplitFile {
    tmp: NamedTempFile,
    path: PathBuf,
    sink: Sink,
    rows: u64,
}

/// Writes the rows of both splits into a directory.
pub struct DatasetWriter {
    dir: PathBuf,
    format: Format,
    grids: bool,
    files: Vec<(Split, SplitFile)>,
}

/// A file written.
#[derive(Clone, Debug, serde::Serialize)]
pub struct WrittenFile {
    /// The split it holds.
    pub split: &'static str,
    /// Its path.
    pub path: PathBuf,
    /// Rows in it.
    pub rows: u64,
    /// Bytes.
    pub bytes: u64,
}

impl DatasetWriter {
    /// A writer into `dir` (created if needed). `grids` selects the grids-only row shape.
    pub fn new(dir: &Path, format: Format, grids: bool) -> Result<DatasetWriter, ExportError> {
        if dir.exists() && !dir.is_dir() {
            return Err(output_error(dir, "--out must name a directory"));
        }
        std::fs::create_dir_all(dir).map_err(|e| output_error(dir, e))?;
        Ok(DatasetWriter {
            dir: dir.to_path_buf(),
            format,
            grids,
            files: Vec::new(),
        })
    }

    fn open(&self, split: Split) -> Result<SplitFile, ExportError> {
        let name = format!("{}.{}", split.name(), self.format.extension());
        let path = self.dir.join(&name);
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(|e| output_error(&self.dir, e))?;
        let file = tmp.reopen().map_err(|e| output_error(tmp.path(), e))?;
        let sink = match self.format {
            Format::Jsonl => Sink::Jsonl(BufWriter::new(file)),
            Format::Parquet => {
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(if self.grids {
                        GRID_ROW_GROUP_ROWS
                    } else {
                        ROW_GROUP_ROWS
                    }))
                    .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
                    .build();
                let schema = if self.grids {
                    grids_batch(&[])
                } else {
                    program_batch(&[])
                }
                .map_err(|e| ExportError::Parquet(e.to_string()))?
                .schema();
                let writer = ArrowWriter::try_new(file, schema, Some(props))
                    .map_err(|e| ExportError::Parquet(e.to_string()))?;
                Sink::Parquet {
                    writer: Box::new(writer),
                    buffer: Vec::with_capacity(BATCH_ROWS),
                }
            }
        };
        Ok(SplitFile {
            tmp,
            path,
            sink,
            rows: 0,
        })
    }

    /// Appends a row to a split.
    pub fn push(&mut self, split: Split, row: Row) -> Result<(), ExportError> {
        let at = match self.files.iter().position(|(s, _)| *s == split) {
            Some(i) => i,
            None => {
                let file = self.open(split)?;
                self.files.push((split, file));
                self.files.len() - 1
            }
        };
        let grids = self.grids;
        let file = &mut self.files[at].1;
        file.rows += 1;
        match &mut file.sink {
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, &row)
                    .map_err(std::io::Error::other)
                    .and_then(|()| w.write_all(b"\n"))
                    .map_err(|e| output_error(file.tmp.path(), e))?;
            }
            Sink::Parquet { writer, buffer } => {
                buffer.push(row);
                if buffer.len() >= BATCH_ROWS {
                    write_batch(writer, buffer, grids)?;
                }
            }
        }
        Ok(())
    }

    /// Rows written so far to `split`.
    pub fn rows(&self, split: Split) -> u64 {
        self.files
            .iter()
            .find(|(s, _)| *s == split)
            .map_or(0, |(_, f)| f.rows)
    }

    /// Finishes every file and renames each to its final name. On error nothing is renamed and the
    /// temporary files are removed.
    pub fn finish(mut self) -> Result<Vec<WrittenFile>, ExportError> {
        self.files.sort_by_key(|(s, _)| *s);
        let grids = self.grids;
        let mut done = Vec::new();
        for (split, file) in self.files {
            let SplitFile {
                tmp,
                path,
                sink,
                rows,
            } = file;
            match sink {
                Sink::Jsonl(mut w) => {
                    w.flush().map_err(|e| output_error(tmp.path(), e))?;
                    let f = w
                        .into_inner()
                        .map_err(|e| output_error(tmp.path(), e.error()))?;
                    f.sync_all().map_err(|e| output_error(tmp.path(), e))?;
                }
                Sink::Parquet {
                    mut writer,
                    mut buffer,
                } => {
                    write_batch(&mut writer, &mut buffer, grids)?;
                    let f = writer
                        .into_inner()
                        .map_err(|e| ExportError::Parquet(e.to_string()))?;
                    f.sync_all().map_err(|e| output_error(tmp.path(), e))?;
                }
            }
            done.push((split, tmp, path, rows));
        }
        let mut written = Vec::new();
        for (split, tmp, path, rows) in done {
            // Temporary files are private (0600); the data files are ordinary ones.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ =
                    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
            }
            tmp.persist(&path)
                .map_err(|e| output_error(&path, e.error))?;
            let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
            written.push(WrittenFile {
                split: split.name(),
                path,
                rows,
                bytes,
            });
        }
        Ok(written)
    }
}

fn write_batch(
    writer: &mut ArrowWriter<std::fs::File>,
    buffer: &mut Vec<Row>,
    grids: bool,
) -> Result<(), ExportError> {
    if buffer.is_empty() {
        return Ok(());
    }
    let batch = if grids {
        let rows: Vec<&GridsRow> = buffer
            .iter()
            .filter_map(|r| match r {
                Row::Grids(g) => Some(g),
                Row::Program(_) => None,
            })
            .collect();
        grids_batch(&rows)
    } else {
        let rows: Vec<&ProgramRow> = buffer
            .iter()
            .filter_map(|r| match r {
                Row::Program(p) => Some(p),
                Row::Grids(_) => None,
            })
            .collect();
        program_batch(&rows)
    }
    .map_err(|e| ExportError::Parquet(e.to_string()))?;
    buffer.clear();
    writer
        .write(&batch)
        .map_err(|e| ExportError::Parquet(e.to_string()))
}

fn strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

/// The Arrow batch of program rows: `messages` is a list of `{role, content}` structs, as chat
/// fine-tuning scripts read it.
fn program_batch(rows: &[&ProgramRow]) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let fields = Fields::from(vec![
        Field::new("role", DataType::Utf8, false),
        Field::new("content", DataType::Utf8, false),
    ]);
    let message = StructBuilder::new(
        fields,
        vec![
            Box::new(StringBuilder::new()),
            Box::new(StringBuilder::new()),
        ],
    );
    let mut messages = ListBuilder::new(message);
    for row in rows {
        for m in &row.messages {
            let s = messages.values();
            if let Some(b) = s.field_builder::<StringBuilder>(0) {
                b.append_value(m.role);
            }
            if let Some(b) = s.field_builder::<StringBuilder>(1) {
                b.append_value(&m.content);
            }
            s.append(true);
        }
        messages.append(true);
    }
    let mut accuracy = Float64Builder::new();
    let mut right = BooleanBuilder::new();
    let mut relabelled = BooleanBuilder::new();
    for row in rows {
        accuracy.append_value(row.train_accuracy);
        right.append_value(row.right);
        relabelled.append_value(row.relabelled);
    }
    RecordBatch::try_from_iter_with_nullable(vec![
        ("messages", Arc::new(messages.finish()) as ArrayRef, false),
        (
            "task_id",
            strings(rows.iter().map(|r| Some(r.task_id.as_str()))),
            false,
        ),
        ("kind", strings(rows.iter().map(|r| Some(r.kind))), false),
        (
            "run_id",
            strings(rows.iter().map(|r| Some(r.run_id.as_str()))),
            false,
        ),
        (
            "source_hash",
            strings(rows.iter().map(|r| Some(r.source_hash.as_str()))),
            false,
        ),
        (
            "parent_hash",
            strings(rows.iter().map(|r| r.parent_hash.as_deref())),
            true,
        ),
        (
            "prompt_version",
            strings(rows.iter().map(|r| Some(r.prompt_version.as_str()))),
            false,
        ),
        (
            "train_accuracy",
            Arc::new(accuracy.finish()) as ArrayRef,
            false,
        ),
        ("right", Arc::new(right.finish()) as ArrayRef, false),
        (
            "relabelled",
            Arc::new(relabelled.finish()) as ArrayRef,
            false,
        ),
    ])
}

type GridListBuilder = ListBuilder<ListBuilder<ListBuilder<UInt8Builder>>>;

fn grid_list_builder() -> GridListBuilder {
    ListBuilder::new(ListBuilder::new(ListBuilder::new(UInt8Builder::new())))
}

/// Appends a list of grids (`None`: a null entry).
fn append_grids(b: &mut GridListBuilder, grids: Option<&[Grid]>) {
    let Some(grids) = grids else {
        b.append(false);
        return;
    };
    for grid in grids {
        let rows = b.values();
        for row in grid.rows() {
            rows.values().values().append_slice(row);
            rows.values().append(true);
        }
        rows.append(true);
    }
    b.append(true);
}

/// The Arrow batch of grids-only rows: grids as lists of rows of `uint8` cells.
fn grids_batch(rows: &[&GridsRow]) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let mut columns: [GridListBuilder; 4] = std::array::from_fn(|_| grid_list_builder());
    for row in rows {
        append_grids(&mut columns[0], Some(&row.train_inputs));
        append_grids(&mut columns[1], Some(&row.train_outputs));
        append_grids(&mut columns[2], Some(&row.test_inputs));
        append_grids(&mut columns[3], row.test_outputs.as_deref());
    }
    let [mut train_inputs, mut train_outputs, mut test_inputs, mut test_outputs] = columns;
    RecordBatch::try_from_iter_with_nullable(vec![
        (
            "task_id",
            strings(rows.iter().map(|r| Some(r.task_id.as_str()))),
            false,
        ),
        (
            "source",
            strings(rows.iter().map(|r| Some(r.source))),
            false,
        ),
        (
            "source_hash",
            strings(rows.iter().map(|r| r.source_hash.as_deref())),
            true,
        ),
        (
            "train_inputs",
            Arc::new(train_inputs.finish()) as ArrayRef,
            false,
        ),
        (
            "train_outputs",
            Arc::new(train_outputs.finish()) as ArrayRef,
            false,
        ),
        (
            "test_inputs",
            Arc::new(test_inputs.finish()) as ArrayRef,
            false,
        ),
        (
            "test_outputs",
            Arc::new(test_outputs.finish()) as ArrayRef,
            true,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::render::Message;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn program(i: usize) -> Row {
        Row::Program(ProgramRow {
            messages: vec![
                Message {
                    role: "system",
                    content: "s".into(),
                },
                Message {
                    role: "user",
                    content: format!("task {i}"),
                },
                Message {
                    role: "assistant",
                    content: "```python\ndef transform(g):\n    return g\n```".into(),
                },
            ],
            task_id: format!("t{i}"),
            kind: "solutions",
            run_id: "r".into(),
            source_hash: "0123456789abcdef".into(),
            parent_hash: i.is_multiple_of(2).then(|| "fedcba9876543210".into()),
            prompt_version: "soar-v1".into(),
            train_accuracy: 1.0,
            right: true,
            relabelled: false,
        })
    }

    #[test]
    fn parquet_round_trips_through_the_arrow_reader() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = DatasetWriter::new(dir.path(), Format::Parquet, false).unwrap();
        let n = BATCH_ROWS * 2 + 7;
        for i in 0..n {
            w.push(Split::Train, program(i)).unwrap();
        }
        w.push(Split::Validation, program(n)).unwrap();
        assert_eq!(w.rows(Split::Train), n as u64);
        let files = w.finish().unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].split, "train");
        let file = std::fs::File::open(dir.path().join("train.parquet")).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let mut rows = 0;
        for batch in reader {
            let batch = batch.unwrap();
            rows += batch.num_rows();
            let messages = batch
                .column_by_name("messages")
                .unwrap()
                .as_any()
                .downcast_ref::<arrow_array::ListArray>()
                .unwrap();
            assert_eq!(messages.value_length(0), 3);
        }
        assert_eq!(rows, n);
        // Only the two final files are left: no temporary file.
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["train.parquet", "validation.parquet"]);
    }

    #[test]
    fn grids_parquet_keeps_shapes_and_null_test_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = DatasetWriter::new(dir.path(), Format::Parquet, true).unwrap();
        let row = GridsRow {
            task_id: "t".into(),
            source: "original",
            source_hash: None,
            train_inputs: vec![Grid(vec![vec![1, 2, 3], vec![4, 5, 6]])],
            train_outputs: vec![Grid(vec![vec![7]])],
            test_inputs: vec![Grid(vec![vec![0, 0]])],
            test_outputs: None,
        };
        w.push(Split::Train, Row::Grids(row)).unwrap();
        w.finish().unwrap();
        let file = std::fs::File::open(dir.path().join("train.parquet")).unwrap();
        let batch = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        let inputs = batch
            .column_by_name("train_inputs")
            .unwrap()
            .as_any()
            .downcast_ref::<arrow_array::ListArray>()
            .unwrap();
        let grid = inputs.value(0);
        let grid = grid
            .as_any()
            .downcast_ref::<arrow_array::ListArray>()
            .unwrap();
        assert_eq!(grid.value_length(0), 2, "two rows");
        use arrow_array::Array;
        assert!(batch.column_by_name("test_outputs").unwrap().is_null(0));
    }

    #[test]
    fn a_failed_export_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = DatasetWriter::new(dir.path(), Format::Jsonl, false).unwrap();
        w.push(Split::Train, program(0)).unwrap();
        // Interrupted before finish: the writer is dropped.
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn out_must_be_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        let err = DatasetWriter::new(&file, Format::Jsonl, false)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("--out must name a directory"), "{err}");
    }
}
