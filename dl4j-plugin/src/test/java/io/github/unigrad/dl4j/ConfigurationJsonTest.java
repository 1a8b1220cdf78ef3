package io.github.unigrad.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configurations with our loss and updater survive DL4J's JSON, and bad specs fail when loaded. */
class ConfigurationJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void multiLayerConfigurationRoundTripsWithSpecsAndScheduleIntact() {
        UnigradUpdater updater = new UnigradUpdater("adam(lr=0.01, b1=0.8)", new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.9));
        MultiLayerConfiguration conf = Nets.mlp(DataType.FLOAT, new UnigradLoss("mse(weights=[1, 2, 0.5])"), updater);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        BaseOutputLayer out = (BaseOutputLayer) back.getConf(1).getLayer();
        assertThat(out.getLossFn()).isEqualTo(new UnigradLoss("mse(weights=[1, 2, 0.5])"));
        assertThat(((BaseLayer) back.getConf(0).getLayer()).getIUpdater()).isEqualTo(updater);
        assertThat(MultiLayerConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
    }

    @Test
    void computationGraphConfigurationRoundTrips() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().updater(new UnigradUpdater("adam(lr=0.02)"))
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("a", new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(new UnigradLoss("l2")).build(), "hidden")
                .addLayer("b", new OutputLayer.Builder().nIn(5).nOut(2).activation(Activation.IDENTITY)
                        .lossFunction(new UnigradLoss("mse")).build(), "hidden")
                .setOutputs("a", "b").build();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        BaseOutputLayer b = (BaseOutputLayer) ((LayerVertex) back.getVertices().get("b")).getLayerConf().getLayer();
        assertThat(b.getLossFn()).isEqualTo(new UnigradLoss("mse"));
        assertThat(b.getIUpdater()).isEqualTo(new UnigradUpdater("adam(lr=0.02)"));
    }

    /** The JSON of a built-in configuration with its loss and updater objects replaced by hand-written ones. */
    private static String handWritten(String lossSpec, String updaterSpec) throws Exception {
        MultiLayerConfiguration builtin = Nets.mlp(DataType.FLOAT, new LossMSE(), new Adam(0.01));
        JsonNode tree = MAPPER.readTree(builtin.toJson());
        replace(tree, LossMSE.class.getName(), "{\"@class\": \"io.github.unigrad.dl4j.UnigradLoss\", \"spec\": \"" + lossSpec + "\"}");
        replace(tree, Adam.class.getName(), "{\"@class\": \"io.github.unigrad.dl4j.UnigradUpdater\", \"spec\": \"" + updaterSpec + "\"}");
        return MAPPER.writeValueAsString(tree);
    }

    private static void replace(JsonNode node, String className, String json) throws Exception {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            Iterator<String> names = o.fieldNames();
            for (String name : (Iterable<String>) () -> names) {
                JsonNode child = o.get(name);
                if (child.isObject() && className.equals(child.path("@class").asText())) {
                    o.set(name, MAPPER.readTree(json));
                } else {
                    replace(child, className, json);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                replace(child, className, json);
            }
        }
    }

    @Test
    void handWrittenJsonNamingOurClassesLoads() throws Exception {
        String json = handWritten("l2", "adam(lr=0.005)");
        assertThat(json).contains("io.github.unigrad.dl4j.UnigradLoss").doesNotContain(LossMSE.class.getName());
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        assertThat(((BaseOutputLayer) conf.getConf(1).getLayer()).getLossFn()).isEqualTo(UnigradLoss.of(io.github.unigrad.loss.Losses.l2()));
        assertThat(((BaseLayer) conf.getConf(0).getLayer()).getIUpdater()).isEqualTo(new UnigradUpdater("adam(lr=0.005)"));
        Nets.fit(Nets.init(conf), 0, 1);
    }

    @Test
    void aBadLossSpecFailsAtLoadWithTheCataloguesMessage() throws Exception {
        String json = handWritten("nonsense(x=1)", "adam(lr=0.005)");
        assertThatThrownBy(() -> MultiLayerConfiguration.fromJson(json))
                .hasStackTraceContaining("unknown loss 'nonsense'; valid names: ");
    }

    @Test
    void aBadOptimiserSpecFailsAtLoadWithTheCataloguesMessage() throws Exception {
        String json = handWritten("l2", "adam(lr=0.005, beta=3)");
        assertThatThrownBy(() -> MultiLayerConfiguration.fromJson(json)).hasStackTraceContaining("beta");
    }
}
