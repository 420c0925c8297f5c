package org.flows4j.images;

import java.io.IOException;

/**
 * Where an image training run keeps its checkpoints: {@link ImageTrainer} calls it with the model after every
 * checkpointing step. {@code ImageModelFiles.checkpointTo(path)} writes the model file there, atomically.
 */
@FunctionalInterface
public interface Checkpoint {

    /** Keeps no checkpoints. */
    Checkpoint NONE = model -> { };

    /** Saves {@code model} as it is after its current step. */
    void write(ImageModel model) throws IOException;
}
