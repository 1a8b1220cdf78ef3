package io.github.unigrad.compare.data;

import java.util.List;

/**
 * A small in-memory dataset: {@code x[i]} the features of example {@code i}, {@code y[i]} its class
 * index (classification) or its value (regression), and the class names for classification.
 */
public record Table(String name, Task task, double[][] x, double[] y, List<String> classes) {

    public Table {
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " feature rows but " + y.length + " targets");
        }
        classes = List.copyOf(classes);
    }

    public int rows() {
        return x.length;
    }

    public int features() {
        return x.length == 0 ? 0 : x[0].length;
    }

    /** Number of classes (1 for regression: one output). */
    public int outputs() {
        return task == Task.CLASSIFICATION ? classes.size() : 1;
    }

    public boolean isBinary() {
        return task == Task.CLASSIFICATION && classes.size() == 2;
    }

    /** The class index of example {@code i}. */
    public int label(int i) {
        return (int) y[i];
    }

    /** The rows at {@code indices}, in that order. */
    public Table select(int[] indices, String suffix) {
        double[][] sx = new double[indices.length][];
        double[] sy = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            sx[k] = x[indices[k]].clone();
            sy[k] = y[indices[k]];
        }
        return new Table(name + suffix, task, sx, sy, classes);
    }
}
