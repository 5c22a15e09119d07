//! Loading a Hugging Face-style model directory: config, (sharded) safetensors, dtype and device
//! choice, optional LoRA merge, then the model.

use super::config::{ConfigError, QwenConfig};
use super::lora::{LoraAdapter, LoraError};
use super::qwen::QwenModel;
use candle_core::{DType, Device, Tensor};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Errors loading a model.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// `config.json` problem.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Adapter problem.
    #[error(transparent)]
    Lora(#[from] LoraError),
    /// A required file is missing or unreadable.
    #[error("{path}: {message}")]
    File {
        /// File path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The weights do not match the config (missing tensor, wrong shape) or the device failed.
    #[error("{dir}: {message}")]
    Weights {
        /// Model directory.
        dir: String,
        /// What went wrong.
        message: String,
    },
    /// The requested device is not available in this build or machine.
    #[error("device {0}")]
    Device(String),
}

/// `--dtype` choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DTypeChoice {
    /// bf16 on GPUs of compute capability 8.0 and newer, f16 on older GPUs, f32 on the CPU.
    Auto,
    /// bfloat16.
    Bf16,
    /// float16.
    F16,
    /// float32.
    F32,
}

/// `CUDA_COMPUTE_CAP` the CUDA kernels were compiled for (candle compiles its bf16 kernels only
/// for 80 and above, so a build for 75 has none, whatever the GPU).
const BUILT_COMPUTE_CAP: Option<&str> = option_env!("CUDA_COMPUTE_CAP");

/// The dtype to run in on `device`.
pub fn resolve_dtype(choice: DTypeChoice, device: &Device) -> DType {
    let built_for_bf16 = BUILT_COMPUTE_CAP
        .and_then(|c| c.trim().parse::<u32>().ok())
        .is_none_or(|c| c >= 80);
    match choice {
        DTypeChoice::Bf16 => DType::BF16,
        DTypeChoice::F16 => DType::F16,
        DTypeChoice::F32 => DType::F32,
        DTypeChoice::Auto if device.is_cpu() => DType::F32,
        DTypeChoice::Auto => match compute_capability(device) {
            Some((major, _)) if major < 8 => DType::F16,
            _ if !built_for_bf16 => DType::F16,
            _ => DType::BF16,
        },
    }
}

/// Compute capability of a CUDA device.
#[cfg(feature = "cuda")]
pub fn compute_capability(device: &Device) -> Option<(i32, i32)> {
    use candle_core::cuda_backend::cudarc::driver::{result, sys};
    let Device::Cuda(dev) = device else {
        return None;
    };
    let cu = dev.cuda_stream().context().cu_device();
    let get = |attr| unsafe { result::device::get_attribute(cu, attr) }.ok();
    Some((
        get(sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)?,
        get(sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)?,
    ))
}

/// Compute capability of a CUDA device (none without the `cuda` feature).
#[cfg(not(feature = "cuda"))]
pub fn compute_capability(_device: &Device) -> Option<(i32, i32)> {
    None
}

/// The GPU's name as the driver reports it (`NVIDIA L4`); `None` on the CPU.
pub fn device_name(device: &Device) -> Option<String> {
    #[cfg(feature = "cuda")]
    if let Device::Cuda(dev) = device {
        return dev.cuda_stream().context().name().ok();
    }
    let _ = device;
    None
}

/// The CUDA version this binary's kernels were built with, as the driver API numbers versions
/// (13000 for 13.0); `None` without the `cuda` feature.
pub fn built_cuda_version() -> Option<i32> {
    option_env!("ARC_CUDA_VERSION").and_then(|v| v.parse().ok())
}

/// The PTX ISA version of this binary's own kernels (`9.0`), when built with the `cuda` feature.
pub fn kernels_ptx_isa() -> Option<&'static str> {
    option_env!("ARC_KERNELS_PTX_ISA")
}

/// "13.0" for 13000.
pub fn cuda_version_text(v: i32) -> String {
    format!("{}.{}", v / 1000, (v % 1000) / 10)
}

/// The CUDA version the installed driver supports (`cuDriverGetVersion`), when a driver loads.
/// `ARC_CUDA_DRIVER_VERSION` (like 12080) stands in for the driver's answer, to check the refusal
/// of old drivers on a machine with a new one.
pub fn driver_cuda_version() -> Option<i32> {
    if let Some(v) = std::env::var("ARC_CUDA_DRIVER_VERSION")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return Some(v);
    }
    driver_api_version()
}

#[cfg(feature = "cuda")]
fn driver_api_version() -> Option<i32> {
    use candle_core::cuda_backend::cudarc::driver::sys;
    if !cuda_driver_loadable() {
        return None;
    }
    let mut version = 0;
    // SAFETY: writes one int; the driver library is loaded (checked above).
    let ok = unsafe { sys::cuDriverGetVersion(&mut version) };
    (ok == sys::CUresult::CUDA_SUCCESS).then_some(version)
}

#[cfg(not(feature = "cuda"))]
fn driver_api_version() -> Option<i32> {
    None
}

/// Refuses a driver older than the CUDA this binary was built with: its PTX would not load (the
/// driver JIT-compiles PTX only of the ISA versions it knows).
pub fn check_driver(driver: i32, built: i32) -> Result<(), String> {
    if driver >= built {
        return Ok(());
    }
    Err(format!(
        "the NVIDIA driver supports CUDA {} but this binary was built with CUDA {} (PTX ISA {}): \
         install a driver for CUDA {} or newer (R580+ for 13.0), or use a build made with an older \
         CUDA",
        cuda_version_text(driver),
        cuda_version_text(built),
        kernels_ptx_isa().unwrap_or("?"),
        cuda_version_text(built),
    ))
}

/// Free and total device memory in bytes (for the CPU: available and total RAM).
pub fn memory_info(device: &Device) -> Option<(usize, usize)> {
    #[cfg(feature = "cuda")]
    if let Device::Cuda(dev) = device {
        let _ = dev.cuda_stream().context().bind_to_thread();
        return candle_core::cuda_backend::cudarc::driver::result::mem_get_info().ok();
    }
    let _ = device;
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let field = |name: &str| -> Option<usize> {
        let line = text.lines().find(|l| l.starts_with(name))?;
        let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    };
    Some((field("MemAvailable:")?, field("MemTotal:")?))
}

/// Memory this device has in use: total minus free on a GPU, this process's resident set on the
/// CPU.
pub fn memory_in_use(device: &Device) -> Option<usize> {
    if device.is_cpu() {
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        return Some(pages * page.max(0) as usize);
    }
    memory_info(device).map(|(free, total)| total.saturating_sub(free))
}

/// Opens device `spec`: `cpu` or a CUDA ordinal.
pub fn open_device(spec: &DeviceSpec) -> Result<Device, LoadError> {
    match spec {
        DeviceSpec::Cpu => Ok(Device::Cpu),
        DeviceSpec::Cuda(i) => {
            if !cfg!(feature = "cuda") {
                return Err(LoadError::Device(format!(
                    "cuda:{i}: this binary was built without the `cuda` feature"
                )));
            }
            #[cfg(feature = "cuda")]
            let device = new_cuda_device(*i);
            #[cfg(not(feature = "cuda"))]
            let device = Device::new_cuda(*i);
            device.map_err(|e| LoadError::Device(format!("cuda:{i}: {e}")))
        }
    }
}

/// Where an engine runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceSpec {
    /// The CPU.
    Cpu,
    /// A CUDA GPU by ordinal.
    Cuda(usize),
}

impl std::fmt::Display for DeviceSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeviceSpec::Cpu => write!(f, "cpu"),
            DeviceSpec::Cuda(i) => write!(f, "cuda:{i}"),
        }
    }
}

/// Parses `--devices`: `cpu`, `all` (every CUDA GPU, else the CPU), or a list like `0,1,2,3`
/// (`cpu` may appear in the list too: `cpu,cpu` runs two CPU engines).
pub fn parse_devices(value: &str) -> Result<Vec<DeviceSpec>, LoadError> {
    match value.trim() {
        "cpu" => Ok(vec![DeviceSpec::Cpu]),
        "all" => {
            let n = cuda_device_count();
            Ok(if n == 0 {
                vec![DeviceSpec::Cpu]
            } else {
                (0..n).map(DeviceSpec::Cuda).collect()
            })
        }
        list => list
            .split(',')
            .map(|s| match s.trim() {
                "cpu" => Ok(DeviceSpec::Cpu),
                gpu => gpu
                    .trim_start_matches("cuda:")
                    .parse()
                    .map(DeviceSpec::Cuda)
                    .map_err(|_| {
                        LoadError::Device(format!(
                            "{s:?}: expected cpu, all, or a list of GPU ordinals like 0,1"
                        ))
                    }),
            })
            .collect(),
    }
}

/// CUDA GPUs visible to this process (0 without the `cuda` feature or a driver).
pub fn cuda_device_count() -> usize {
    #[cfg(feature = "cuda")]
    {
        use candle_core::cuda_backend::cudarc::driver::result;
        if cuda_driver_loadable() && result::init().is_ok() {
            return result::device::get_count().map_or(0, |n| n.max(0) as usize);
        }
    }
    0
}

/// Whether the NVIDIA driver library can be loaded. cudarc, built with dynamic loading (see
/// scripts/cuda-env.sh), dlopens it on first use and panics when it is missing.
#[cfg(feature = "cuda")]
fn cuda_driver_loadable() -> bool {
    [c"libcuda.so.1", c"libcuda.so"].iter().any(|name| {
        // SAFETY: loads a library by name; the handle is kept, as cudarc loads it again.
        !unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_LAZY) }.is_null()
    })
}

/// `Device::new_cuda`, with a missing driver, cuBLAS or cuRAND library (a panic in cudarc's
/// dynamic loading) as an error.
#[cfg(feature = "cuda")]
fn new_cuda_device(ordinal: usize) -> candle_core::Result<Device> {
    if !cuda_driver_loadable() {
        return Err(candle_core::Error::Msg(
            "no NVIDIA driver: libcuda.so.1 cannot be loaded".to_string(),
        ));
    }
    if let (Some(driver), Some(built)) = (driver_cuda_version(), built_cuda_version()) {
        check_driver(driver, built).map_err(candle_core::Error::Msg)?;
    }
    std::panic::catch_unwind(|| Device::new_cuda(ordinal)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map_or("a CUDA library cannot be loaded", |s| s.as_str());
        Err(candle_core::Error::Msg(message.to_string()))
    })
}

/// The files of a model directory.
#[derive(Clone, Debug)]
pub struct ModelFiles {
    /// The directory.
    pub dir: PathBuf,
    /// Parsed configuration.
    pub config: QwenConfig,
    /// Safetensors files holding the weights.
    pub weights: Vec<PathBuf>,
}

impl ModelFiles {
    /// Finds `config.json` and `model.safetensors` (or the shards `model.safetensors.index.json`
    /// lists) in `dir`.
    pub fn open(dir: &Path) -> Result<ModelFiles, LoadError> {
        let file = |path: &Path, message: &str| LoadError::File {
            path: path.display().to_string(),
            message: message.to_string(),
        };
        if !dir.is_dir() {
            return Err(file(dir, "model directory does not exist"));
        }
        let config = QwenConfig::from_file(&dir.join("config.json"))?;
        let single = dir.join("model.safetensors");
        let index = dir.join("model.safetensors.index.json");
        let weights = if single.is_file() {
            vec![single]
        } else if index.is_file() {
            let text = std::fs::read_to_string(&index)
                .map_err(|e| file(&index, &format!("cannot read: {e}")))?;
            let json: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| file(&index, &format!("malformed index: {e}")))?;
            let map = json
                .get("weight_map")
                .and_then(|m| m.as_object())
                .ok_or_else(|| file(&index, "no weight_map object"))?;
            let shards: BTreeSet<&str> = map.values().filter_map(|v| v.as_str()).collect();
            let mut paths = Vec::new();
            for shard in shards {
                let p = dir.join(shard);
                if !p.is_file() {
                    return Err(file(
                        &p,
                        "shard listed in model.safetensors.index.json is missing",
                    ));
                }
                paths.push(p);
            }
            paths
        } else {
            return Err(file(
                dir,
                "no model.safetensors or model.safetensors.index.json in the model directory",
            ));
        };
        Ok(ModelFiles {
            dir: dir.to_path_buf(),
            config,
            weights,
        })
    }

    /// Reads every weight tensor, converted to `dtype` on `device`.
    pub fn load_tensors(
        &self,
        dtype: DType,
        device: &Device,
    ) -> Result<HashMap<String, Tensor>, LoadError> {
        let weights_err = |message: String| LoadError::Weights {
            dir: self.dir.display().to_string(),
            message,
        };
        // SAFETY: the files are mapped read-only and copied out tensor by tensor; a concurrent
        // writer could corrupt values but not memory safety of the copies we keep.
        let st = unsafe { candle_core::safetensors::MmapedSafetensors::multi(&self.weights) }
            .map_err(|e| weights_err(format!("cannot read safetensors: {e}")))?;
        let mut out = HashMap::new();
        for (name, _) in st.tensors() {
            let t = st
                .load(&name, &Device::Cpu)
                .and_then(|t| t.to_dtype(dtype))
                .and_then(|t| t.to_device(device))
                .map_err(|e| weights_err(format!("{name}: {e}")))?;
            out.insert(name, t);
        }
        Ok(out)
    }
}

/// Builds the model from loaded tensors, merging `adapter` first.
pub fn build_model(
    files: &ModelFiles,
    mut tensors: HashMap<String, Tensor>,
    adapter: Option<&LoraAdapter>,
    dtype: DType,
    device: &Device,
) -> Result<QwenModel, LoadError> {
    if let Some(adapter) = adapter {
        adapter.merge_into(&mut tensors)?;
    }
    let vb = candle_nn::VarBuilder::from_tensors(tensors, dtype, device);
    QwenModel::new(&files.config, vb).map_err(|e| LoadError::Weights {
        dir: files.dir.display().to_string(),
        message: format!("weights do not match config.json: {e}"),
    })
}

/// Loads a model directory onto a device, with an optional adapter merged.
pub fn load_model(
    files: &ModelFiles,
    adapter: Option<&LoraAdapter>,
    dtype: DType,
    device: &Device,
) -> Result<QwenModel, LoadError> {
    let tensors = files.load_tensors(dtype, device)?;
    build_model(files, tensors, adapter, dtype, device)
}

/// A model of `config`'s shape with random weights (benchmarks of real shapes without downloads).
pub fn random_model(
    config: &QwenConfig,
    dtype: DType,
    device: &Device,
) -> candle_core::Result<QwenModel> {
    let vm = candle_nn::VarMap::new();
    let vb = candle_nn::VarBuilder::from_varmap(&vm, dtype, device);
    QwenModel::new(config, vb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_parse() {
        assert_eq!(parse_devices("cpu").unwrap(), vec![DeviceSpec::Cpu]);
        assert_eq!(
            parse_devices("0, cuda:2").unwrap(),
            vec![DeviceSpec::Cuda(0), DeviceSpec::Cuda(2)]
        );
        assert!(parse_devices("gpu0").is_err());
        assert_eq!(parse_devices("cpu,cpu").unwrap(), vec![DeviceSpec::Cpu; 2]);
        if !cfg!(feature = "cuda") {
            assert_eq!(parse_devices("all").unwrap(), vec![DeviceSpec::Cpu]);
            assert!(open_device(&DeviceSpec::Cuda(0))
                .unwrap_err()
                .to_string()
                .contains("feature"));
        }
    }

    #[test]
    fn old_drivers_are_refused_by_name() {
        assert!(check_driver(13000, 13000).is_ok());
        assert!(check_driver(13020, 13000).is_ok());
        let err = check_driver(12080, 13000).unwrap_err();
        assert!(
            err.contains("CUDA 12.8") && err.contains("CUDA 13.0"),
            "{err}"
        );
        assert_eq!(cuda_version_text(12040), "12.4");
        assert_eq!(device_name(&Device::Cpu), None);
    }

    #[test]
    fn auto_dtype_on_cpu_is_f32() {
        assert_eq!(resolve_dtype(DTypeChoice::Auto, &Device::Cpu), DType::F32);
        assert_eq!(resolve_dtype(DTypeChoice::Bf16, &Device::Cpu), DType::BF16);
    }

    #[test]
    fn missing_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = ModelFiles::open(&dir.path().join("nope"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("does not exist"), "{err}");
        let err = ModelFiles::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("config.json"), "{err}");
        std::fs::write(
            dir.path().join("config.json"),
            r#"{"model_type":"qwen2","vocab_size":8,"hidden_size":4,"intermediate_size":4,"num_hidden_layers":1,"num_attention_heads":2}"#,
        )
        .unwrap();
        let err = ModelFiles::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("no model.safetensors"), "{err}");
    }
}
