package org.flows4j.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J is running on: backend, device, floating-point data type, threads and BLAS, read from the loaded
 * backend. {@link #notice()} is a one-line warning when the CUDA backend is on the class path but no CUDA device
 * could be used, so the CPU backend is running instead.
 */
public record BackendReport(String backend, String device, String dataType, int threads, String blas, String notice) {

    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static boolean loaded;

    /** Reads the report from the backend ND4J has loaded (loading it quietly if needed, see {@link #loadQuietly}). */
    public static BackendReport current() {
        loadQuietly();
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        boolean cuda = backend.contains("Cublas") || backend.contains("Cuda");
        String device = cuda ? cudaDevice(env) : cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        int threads = intOf(env.get("omp.threads"), Runtime.getRuntime().availableProcessors());
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        String notice = !cuda && onClassPath(CUDA_BACKEND)
                ? "notice: the CUDA backend is on the class path but no usable CUDA device was found; running on the CPU"
                : "";
        return new BackendReport(backend, device, Nd4j.defaultFloatingPointType().toString(), threads, blas, notice);
    }

    /**
     * Loads ND4J's backend with standard error captured. A CUDA backend on the class path without a usable device
     * makes ND4J print a native-library stack trace before it falls back to the CPU; that is replaced by the one-line
     * {@link #notice()}. Anything else ND4J printed is passed on unchanged.
     */
    public static synchronized void loadQuietly() {
        if (loaded) {
            return;
        }
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(sink);
            Nd4j.getBackend();
        } finally {
            System.setErr(original);
            loaded = true;
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        boolean cudaFallback = onClassPath(CUDA_BACKEND) && !Nd4j.getBackend().getClass().getName().equals(CUDA_BACKEND);
        if (!text.isBlank() && !cudaFallback) {
            original.print(text);
        }
    }

    /** One line for logs and command headers. */
    public String oneLine() {
        return String.format("backend %s | device %s | dtype %s | threads %d | blas %s | kernels %s", backend, device,
                dataType, threads, blas, org.flows4j.bijectors.kernel.Kernels.describe());
    }

    /** Whether the loaded backend is ND4J's CUDA one. */
    public boolean isCuda() {
        return backend.contains("Cublas") || backend.contains("Cuda");
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, BackendReport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String cudaDevice(Properties env) {
        Object devices = env.get("cuda.devicesInformation");
        if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            return String.valueOf(first.get("cuda.deviceName"));
        }
        return "CUDA device";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static int intOf(Object value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
