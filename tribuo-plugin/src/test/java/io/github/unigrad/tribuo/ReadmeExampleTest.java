package io.github.unigrad.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Java example, as written there, trains a good model. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleTrainsAGoodClassifier() {
        Dataset<Label> train = TestData.iris();
        // --- README
        var trainer = new LinearSGDTrainer(
                new UnigradLabelObjective("softmax_cross_entropy(labelSmoothing=0.05)"),
                new UnigradOptimiser("adamw(lr=cosine(0.05, steps=750), weightDecay=0.01)"),
                5,        // epochs
                42L);     // seed
        Model<Label> model = trainer.train(train);
        double accuracy = new LabelEvaluator().evaluate(model, train).accuracy();
        // --- end of README
        assertThat(accuracy).isGreaterThan(0.9);
    }
}
