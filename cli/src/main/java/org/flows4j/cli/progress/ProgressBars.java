package org.flows4j.cli.progress;

import java.time.Duration;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.flows4j.images.CurvePoint;
import org.flows4j.images.ImageTrainingListener;
import org.flows4j.training.EpochReport;
import org.flows4j.training.TrainingListener;

/**
 * The tool's console progress bars, drawn from the library's training listeners: one bar per epoch for tabular
 * training (batches, running NLL) and one bar for an image run (steps, bits/dim, images/s). Close it after the run
 * so a bar cut short by a non-finite step is finished on screen.
 */
public final class ProgressBars implements AutoCloseable {
    private final boolean enabled;
    private ProgressBar bar;

    private ProgressBars(boolean enabled) {
        this.enabled = enabled;
    }

    /** Bars when {@code enabled}, nothing otherwise. */
    public static ProgressBars of(boolean enabled) {
        return new ProgressBars(enabled);
    }

    /** A tabular listener: a bar per epoch, closed when the epoch's validation is reported. */
    public TrainingListener tabular() {
        return new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (!enabled) {
                    return;
                }
                if (bar == null) {
                    bar = build(String.format("epoch %d/%d", p.epoch(), p.epochs()), p.batches(), 0, 250);
                }
                bar.stepTo(p.batch());
                bar.setExtraMessage(String.format(" nll %.3f", p.epochMeanLoss()));
            }

            @Override
            public void onEpoch(EpochReport report) {
                close();
            }
        };
    }

    /** An image listener: one bar over all steps, starting at {@code done}; curve points go to {@code onPoint}. */
    public ImageTrainingListener images(int done, Consumer<CurvePoint> onPoint) {
        return new ImageTrainingListener() {
            @Override
            public void onPoint(CurvePoint point) {
                onPoint.accept(point);
            }

            @Override
            public void onStep(StepProgress p) {
                if (!enabled) {
                    return;
                }
                if (bar == null) {
                    bar = build("train", p.steps(), done, 500);
                }
                bar.stepTo(p.step());
                bar.setExtraMessage(String.format(" %.3f bits/dim, %.1f img/s", p.bitsPerDim(), p.imagesPerSecond()));
            }
        };
    }

    private static ProgressBar build(String task, int max, int done, int intervalMillis) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).startsFrom(done, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(intervalMillis).continuousUpdate().build();
    }

    /** Finishes the open bar, if any. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
