/**
 * Keras model import with Keras's own loss semantics: {@link io.github.unigrad.dl4j.keras.UnigradKeras} imports a
 * Keras {@code .h5} model through DL4J's {@code KerasModelImport} and gives every output layer the catalogue loss
 * that computes what Keras computes for the model's loss name ({@link io.github.unigrad.dl4j.keras.KerasLosses});
 * {@link io.github.unigrad.dl4j.keras.UnigradKeras#registerLosses()} makes the Keras loss names DL4J does not know
 * importable through DL4J's own {@code KerasModelImport}. No formula lives here: each Keras loss is a catalogue spec.
 *
 * <p>Layer: above the DL4J adapter. May depend on {@code io.github.unigrad.dl4j} ({@code UnigradLoss}), DL4J's
 * {@code deeplearning4j-nn} and {@code deeplearning4j-modelimport}; nothing depends on it.
 */
package io.github.unigrad.dl4j.keras;
