package org.flows4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.flows4j.core.Flow;
import org.flows4j.images.Dequantization;
import org.flows4j.images.FashionMnist;
import org.flows4j.cli.plot.ImageGrid;
import org.flows4j.images.ImageModel;
import org.flows4j.images.ImageSet;
import org.flows4j.io.ImageModelFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Glow paper's demos on a trained image model, each written as a PNG: samples at several temperatures,
 * reconstructions (with the maximum error over the test split), latent interpolations between test images, and
 * attribute manipulation along the difference of two classes' mean latents.
 */
@Command(name = "image-demos", description = "Samples at temperatures, reconstruction, interpolation and attribute "
        + "manipulation from a trained image model, as PNGs.")
final class ImageDemosCommand implements Callable<Integer> {
    private static final int BATCH = 200;

    @Option(names = "--model", required = true, description = "trained image model (.flow)")
    Path modelFile;

    @Mixin
    ImageDataOptions dataOptions;

    @Spec
    CommandSpec command;

    @Option(names = "--out", defaultValue = ".", description = "folder for the PNGs (default: the current folder)")
    Path out;

    @Option(names = "--what", defaultValue = "all",
            description = "all | samples | reconstruct | interpolate | manipulate (default: ${DEFAULT-VALUE})")
    String what;

    @Option(names = "--temperatures", split = ",", defaultValue = "0,0.5,0.7,1.0",
            description = "sampling temperatures (default: ${DEFAULT-VALUE})")
    List<Double> temperatures;

    @Option(names = "--from", defaultValue = "Shirt", description = "manipulation: class moved away from (default: ${DEFAULT-VALUE})")
    String fromClass;

    @Option(names = "--to", defaultValue = "Dress", description = "manipulation: class moved towards (default: ${DEFAULT-VALUE})")
    String toClass;

    @Option(names = "--seed", defaultValue = "0", description = "seed for samples and picked images (default: ${DEFAULT-VALUE})")
    long seed;

    private ImageModel model;
    private Dequantization deq;

    @Override
    public Integer call() throws Exception {
        if (!List.of("all", "samples", "reconstruct", "interpolate", "manipulate").contains(what)) {
            throw new IllegalArgumentException("--what must be all, samples, reconstruct, interpolate or manipulate, got '"
                    + what + "'");
        }
        new OptionRules(command).onlyWith(false, "train-images", "image-demos (the model fixes the pixel depth)",
                "--n-bits");
        dataOptions.check();
        ThreadPolicy.apply();
        model = ImageModelFiles.load(modelFile);
        deq = model.dequantization();
        Files.createDirectories(out);
        boolean all = what.equals("all");
        if (all || what.equals("samples")) {
            samples();
        }
        ImageSet test = all || !what.equals("samples") ? dataOptions.load(false) : null;
        if (all || what.equals("reconstruct")) {
            reconstruct(test);
        }
        if (all || what.equals("interpolate")) {
            interpolate(test);
        }
        if (all || what.equals("manipulate")) {
            manipulate(test);
        }
        return 0;
    }

    private DataType type() {
        return model.flow().dataType();
    }

    private INDArray images(ImageSet set, int[] indices) {
        return deq.batch(set, indices, null, type());
    }

    private void samples() throws java.io.IOException {
        for (double t : temperatures) {
            INDArray x = model.flow().sample(64, t, seed);
            List<INDArray> rows = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                rows.add(x.get(NDArrayIndex.interval(8 * r, 8 * r + 8)));
            }
            Path file = out.resolve(String.format(Locale.ROOT, "samples-T%.2f.png", t));
            ImageGrid.write(file, rows, deq, 2);
            System.out.printf(Locale.ROOT, "samples at temperature %.2f: %s%n", t, file);
        }
    }

    private void reconstruct(ImageSet test) throws java.io.IOException {
        Flow flow = model.flow();
        double maxError = 0;
        INDArray shown = null;
        INDArray shownBack = null;
        long start = System.nanoTime();
        for (int from = 0; from < test.count(); from += BATCH) {
            int[] idx = IntStream.range(from, Math.min(test.count(), from + BATCH)).toArray();
            INDArray x = images(test, idx);
            INDArray back = flow.decode(flow.encode(x));
            maxError = Math.max(maxError, x.sub(back).amaxNumber().doubleValue());
            if (shown == null) {
                shown = x.get(NDArrayIndex.interval(0, 16)).dup();
                shownBack = back.get(NDArrayIndex.interval(0, 16)).dup();
            }
        }
        Path file = out.resolve("reconstruction.png");
        ImageGrid.write(file, List.of(shown, shownBack), deq, 2);
        System.out.printf(Locale.ROOT, "reconstruction: max |x - f^-1(f(x))| over %d test images = %.3e (%s, %.0f s); %s%n",
                test.count(), maxError, type(), (System.nanoTime() - start) / 1e9, file);
    }

    private void interpolate(ImageSet test) throws java.io.IOException {
        Flow flow = model.flow();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<INDArray> rows = new ArrayList<>();
        int steps = 9;
        for (int r = 0; r < 6; r++) {
            INDArray pair = images(test, new int[] {random.nextInt(test.count()), random.nextInt(test.count())});
            INDArray z = flow.encode(pair);
            INDArray za = z.getRow(0);
            INDArray zb = z.getRow(1);
            INDArray path = Nd4j.create(z.dataType(), steps, z.size(1));
            for (int s = 0; s < steps; s++) {
                double t = s / (steps - 1.0);
                path.putRow(s, za.mul(1 - t).addi(zb.mul(t)));
            }
            rows.add(flow.decode(path));
        }
        Path file = out.resolve("interpolation.png");
        ImageGrid.write(file, rows, deq, 2);
        System.out.println("interpolation between pairs of test images (rows), 9 steps: " + file);
    }

    private INDArray meanLatent(ImageSet set) {
        Flow flow = model.flow();
        INDArray sum = null;
        for (int from = 0; from < set.count(); from += BATCH) {
            int[] idx = IntStream.range(from, Math.min(set.count(), from + BATCH)).toArray();
            INDArray z = flow.encode(images(set, idx)).sum(0);
            sum = sum == null ? z : sum.addi(z);
        }
        return sum.divi(set.count());
    }

    private void manipulate(ImageSet test) throws java.io.IOException {
        if (test.labels() == null) {
            throw new IllegalArgumentException("attribute manipulation needs class labels; the test images from --data "
                    + "have none (use IDX files with labels)");
        }
        int a = FashionMnist.classIndex(fromClass);
        int b = FashionMnist.classIndex(toClass);
        ImageSet setA = test.withLabel(a);
        ImageSet setB = test.withLabel(b);
        if (setA.count() == 0 || setB.count() == 0) {
            throw new IllegalArgumentException("the test split has no images of class " + (setA.count() == 0 ? a : b));
        }
        INDArray direction = meanLatent(setB).subi(meanLatent(setA));
        Flow flow = model.flow();
        List<INDArray> rows = new ArrayList<>();
        double[] alphas = {-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1};
        for (int r = 0; r < 6; r++) {
            INDArray z = flow.encode(images(setA, new int[] {r}));
            INDArray row = Nd4j.create(z.dataType(), alphas.length, z.size(1));
            for (int k = 0; k < alphas.length; k++) {
                row.putRow(k, z.getRow(0).add(direction.mul(alphas[k])));
            }
            rows.add(flow.decode(row));
        }
        Path file = out.resolve("manipulation.png");
        ImageGrid.write(file, rows, deq, 2);
        System.out.printf(Locale.ROOT, "manipulation: test images of '%s' plus alpha x (mean z '%s' - mean z '%s'), "
                + "alpha = -1 .. 1: %s%n", FashionMnist.CLASSES.get(a), FashionMnist.CLASSES.get(b),
                FashionMnist.CLASSES.get(a), file);
    }
}
