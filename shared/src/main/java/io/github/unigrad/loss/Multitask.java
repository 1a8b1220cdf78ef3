package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

import java.util.Arrays;
import java.util.List;

/**
 * A weighted sum of losses, each over its own group of output columns (multi-task learning):
 * {@code L_i = Σ_t w_t L^t_i(x_i[group t], y_i[group t])}; each task's gradient lands in its own columns,
 * scaled by {@code w_t}. The groups are consecutive: task {@code t} takes the next {@code columns[t]}
 * prediction columns and the next {@code targetColumns[t]} target columns (by default what the task's loss
 * takes for its columns; 1 for a classification task given class indices).
 *
 * <p>Every task sees the example weights and its slice of the output mask, and checks its own targets.
 * The composite is differentiable when all tasks are, batch-coupled when any is. Input form: the tasks'
 * common form when it is elementwise ({@link InputForm#SIGMOID_LOGITS}, {@link InputForm#PROBABILITIES},
 * {@link InputForm#VALUES}), else {@link InputForm#VALUES}: a softmax over the whole layer would mix the tasks,
 * so give such a layer the identity activation and let each task apply its own. Source: Caruana (1997),
 * "Multitask Learning"; the weighted-sum objective of Kendall et al. (2018) with fixed weights.
 */
public final class Multitask extends AbstractLoss {
    private final List<Loss> losses;
    private final int[] columns;
    private final int[] targetColumns;
    private final double[] weights;
    private final int totalColumns;
    private final int totalTargetColumns;

    /** The arguments are checked by the catalogue ({@link Losses}); lengths must agree. */
    public Multitask(List<Loss> losses, int[] columns, int[] targetColumns, double[] weights) {
        super(commonForm(losses));
        this.losses = List.copyOf(losses);
        this.columns = columns.clone();
        this.targetColumns = targetColumns.clone();
        this.weights = weights.clone();
        int c = 0;
        int tc = 0;
        for (int t = 0; t < columns.length; t++) {
            c += columns[t];
            tc += targetColumns[t];
        }
        this.totalColumns = c;
        this.totalTargetColumns = tc;
    }

    private static InputForm commonForm(List<Loss> losses) {
        InputForm form = losses.get(0).inputForm();
        for (Loss l : losses) {
            if (l.inputForm() != form) {
                return InputForm.VALUES;
            }
        }
        return form == InputForm.SOFTMAX_LOGITS ? InputForm.VALUES : form;
    }

    @Override
    public boolean isDifferentiable() {
        return losses.stream().allMatch(Loss::isDifferentiable);
    }

    /** The tasks without a gradient: {@code multitask's task 1 (zero_one(threshold=0))}. */
    @Override
    protected String notDifferentiablePart() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < losses.size(); t++) {
            if (!losses.get(t).isDifferentiable()) {
                sb.append(sb.length() == 0 ? "" : ", ").append("task ").append(t).append(" (").append(losses.get(t)).append(')');
            }
        }
        return name() + "'s " + sb;
    }

    @Override
    public boolean isBatchCoupled() {
        return losses.stream().anyMatch(Loss::isBatchCoupled);
    }

    @Override
    public boolean supportsOutputMask() {
        return losses.stream().allMatch(Loss::supportsOutputMask);
    }

    @Override
    public int targetCols(int predictionCols) {
        return totalTargetColumns;
    }

    @Override
    protected void checkShape(LossBatch batch) {
        if (batch.cols() != totalColumns) {
            throw new IllegalArgumentException(name() + " covers " + totalColumns + " prediction columns (tasks of "
                    + Arrays.toString(columns) + "), the batch has " + batch.cols());
        }
    }

    @Override
    protected void compute(LossBatch b, double[] values, double[] gradient) {
        int rows = b.rows();
        Arrays.fill(values, 0.0);
        double[] taskValues = new double[rows];
        int from = 0;
        int targetFrom = 0;
        for (int t = 0; t < losses.size(); t++) {
            int c = columns[t];
            int tc = targetColumns[t];
            double[] mask = b.outputMask() == null ? null : slice(b.outputMask(), b.cols(), from, c, rows);
            LossBatch task = LossBatch.of(rows, c, slice(b.predictions(), b.cols(), from, c, rows),
                            slice(b.targets(), b.targetCols(), targetFrom, tc, rows), tc)
                    .withExampleWeights(b.exampleWeights()).withOutputMask(mask);
            double[] taskGradient = gradient == null ? null : new double[rows * c];
            losses.get(t).evaluate(task, taskValues, taskGradient);
            double w = weights[t];
            for (int i = 0; i < rows; i++) {
                values[i] += w * taskValues[i];
                if (taskGradient != null) {
                    for (int j = 0; j < c; j++) {
                        gradient[i * b.cols() + from + j] = w * taskGradient[i * c + j];
                    }
                }
            }
            from += c;
            targetFrom += tc;
        }
    }

    /** Columns {@code [from, from + n)} of a row-major {@code rows × width} array, as a fresh {@code rows × n} array. */
    private static double[] slice(double[] a, int width, int from, int n, int rows) {
        double[] out = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * width + from, out, i * n, n);
        }
        return out;
    }

    @Override
    public Spec spec() {
        return Spec.of("multitask").with("losses", losses).with("columns", columns).with("targetColumns", targetColumns)
                .with("weights", weights);
    }
}
