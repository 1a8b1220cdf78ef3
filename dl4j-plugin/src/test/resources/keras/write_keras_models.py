#!/usr/bin/python3
"""Writes the Keras-2 HDF5 model files of UnigradKerasTest, and the values Keras gives on them.

Needs only Debian's python3-h5py and python3-numpy (no TensorFlow, no Keras): each .h5 file holds what
Keras 2 `model.save("m.h5")` writes for a compiled model (root attributes keras_version, backend,
model_config and training_config as JSON, weights under model_weights/<layer>/<layer>/kernel:0, bias:0).

The expected numbers (expected.json) come from Keras's published loss formulas, written out below in numpy
from keras/losses.py (Keras 2.x and 3.x: each loss reduced over the last axis as Keras does, then the mean
over the batch, Keras's SUM_OVER_BATCH_SIZE), in float64 on the float32 weights and data stored here. The
gradient of the score with respect to every weight is taken by central differences of those formulas
(h = 1e-6), independently of any Java code. A functional model with several outputs scores the sum of its
outputs' losses (Keras's loss_weights default of 1).

Run from this directory:  /usr/bin/python3 write_keras_models.py
"""
import json

import h5py
import numpy as np

EPS = 1e-7  # keras.backend.epsilon()
N, N_IN = 6, 4
rng = np.random.default_rng(20261206)


# ---- Keras's loss formulas (per example, reduced over the last axis) -------------------------------
def l2_normalize(x):
    return x / np.sqrt(np.maximum(np.sum(x * x, -1, keepdims=True), 1e-12))


def binary_labels_to_signs(y):
    # keras convert_binary_labels_to_hinge / _maybe_convert_labels: the whole batch or nothing
    return 2 * y - 1 if np.all((y == 0) | (y == 1)) else y


def bce_elements(y, p):
    p = np.clip(p, EPS, 1 - EPS)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def normalised_clipped(p):
    return np.clip(p / np.sum(p, -1, keepdims=True), EPS, 1 - EPS)


KERAS = {
    "mean_squared_error": lambda y, p: np.mean((y - p) ** 2, -1),
    "mean_absolute_error": lambda y, p: np.mean(np.abs(y - p), -1),
    "mean_absolute_percentage_error": lambda y, p: 100 * np.mean(np.abs((y - p) / np.maximum(np.abs(y), EPS)), -1),
    "mean_squared_logarithmic_error": lambda y, p: np.mean(
        (np.log(np.maximum(p, EPS) + 1) - np.log(np.maximum(y, EPS) + 1)) ** 2, -1),
    "huber": lambda y, p: np.mean(np.where(np.abs(p - y) <= 1.0, 0.5 * (p - y) ** 2, np.abs(p - y) - 0.5), -1),
    "log_cosh": lambda y, p: np.mean((p - y) + np.logaddexp(0, -2 * (p - y)) - np.log(2), -1),
    "hinge": lambda y, p: np.mean(np.maximum(1 - binary_labels_to_signs(y) * p, 0), -1),
    "squared_hinge": lambda y, p: np.mean(np.maximum(1 - binary_labels_to_signs(y) * p, 0) ** 2, -1),
    "categorical_hinge": lambda y, p: np.maximum(np.max((1 - y) * p, -1) - np.sum(y * p, -1) + 1, 0),
    "binary_crossentropy": lambda y, p: np.mean(bce_elements(y, p), -1),
    "binary_focal_crossentropy": lambda y, p: np.mean(
        (1 - (y * p + (1 - y) * (1 - p))) ** 2.0 * bce_elements(y, p), -1),
    "categorical_crossentropy": lambda y, p: -np.sum(y * np.log(normalised_clipped(p)), -1),
    "categorical_focal_crossentropy": lambda y, p: np.sum(
        0.25 * (1 - normalised_clipped(p)) ** 2.0 * -y * np.log(normalised_clipped(p)), -1),
    "sparse_categorical_crossentropy": lambda y, p: -np.log(
        normalised_clipped(p)[np.arange(len(y)), y[:, 0].astype(int)]),
    "kl_divergence": lambda y, p: np.sum(np.clip(y, EPS, 1) * np.log(np.clip(y, EPS, 1) / np.clip(p, EPS, 1)), -1),
    "poisson": lambda y, p: np.mean(p - y * np.log(p + EPS), -1),
    "cosine_similarity": lambda y, p: -np.sum(l2_normalize(y) * l2_normalize(p), -1),
    # loss objects with options: Huber(delta=2.0); BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
    "huber_delta_2": lambda y, p: np.mean(np.where(np.abs(p - y) <= 2.0, 0.5 * (p - y) ** 2, 2.0 * np.abs(p - y) - 2.0), -1),
    "binary_crossentropy_from_logits_smoothed": lambda y, z: np.mean(
        np.maximum(z, 0) - z * (0.9 * y + 0.05) + np.log1p(np.exp(-np.abs(z))), -1),
    "binary_focal_crossentropy_gamma_3": lambda y, p: np.mean(
        (1 - (y * p + (1 - y) * (1 - p))) ** 3.0 * bce_elements(y, p), -1),
}
ALIASES = {"mse": "mean_squared_error", "mae": "mean_absolute_error", "mape": "mean_absolute_percentage_error",
           "msle": "mean_squared_logarithmic_error", "logcosh": "log_cosh", "huber_loss": "huber",
           "kld": "kl_divergence", "kullback_leibler_divergence": "kl_divergence", "bce": "binary_crossentropy",
           "cosine_proximity": "cosine_similarity"}

ACTIVATIONS = {
    "linear": lambda z: z,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "softplus": lambda z: np.logaddexp(0, z),
    "softmax": lambda z: np.exp(z - z.max(-1, keepdims=True)) / np.exp(z - z.max(-1, keepdims=True)).sum(-1, keepdims=True),
}


# ---- targets --------------------------------------------------------------------------------------
def targets(kind, k):
    if kind == "real":
        return rng.normal(0, 1.5, (N, k))
    if kind == "positive":
        return rng.uniform(0.2, 3, (N, k))
    if kind == "nonzero":
        return rng.choice([-1, 1], (N, k)) * rng.uniform(0.5, 3, (N, k))
    if kind == "counts":
        return rng.integers(0, 5, (N, k)).astype(float)
    if kind == "binary":
        return rng.integers(0, 2, (N, k)).astype(float)
    if kind == "signs":
        return rng.choice([-1.0, 1.0], (N, k))
    if kind == "onehot":
        return np.eye(k)[rng.integers(0, k, N)]
    if kind == "index":
        return rng.integers(0, k, (N, 1)).astype(float)
    if kind == "distribution":
        d = rng.uniform(0.1, 1, (N, k))
        return d / d.sum(-1, keepdims=True)
    raise ValueError(kind)


# ---- Keras-2 HDF5 files ---------------------------------------------------------------------------
def dense_config(name, units, activation, input_shape=None):
    c = {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation,
         "use_bias": True,
         "kernel_initializer": {"class_name": "VarianceScaling",
                                "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": None}},
         "bias_initializer": {"class_name": "Zeros", "config": {}},
         "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
         "kernel_constraint": None, "bias_constraint": None}
    if input_shape is not None:
        c["batch_input_shape"] = [None, input_shape]
    return c


def training_config(loss):
    return {"optimizer_config": {"class_name": "SGD",
                                 "config": {"lr": 0.1, "momentum": 0.0, "decay": 0.0, "nesterov": False}},
            "loss": loss, "metrics": [], "sample_weight_mode": None, "loss_weights": None}


def write_h5(path, model_config, loss, weights):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = np.bytes_("2.2.4")
        f.attrs["backend"] = np.bytes_("tensorflow")
        f.attrs["model_config"] = np.bytes_(json.dumps(model_config))
        f.attrs["training_config"] = np.bytes_(json.dumps(training_config(loss)))
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([np.bytes_(n) for n in weights])
        g.attrs["backend"] = np.bytes_("tensorflow")
        g.attrs["keras_version"] = np.bytes_("2.2.4")
        for name, (w, b) in weights.items():
            lg = g.create_group(name)
            lg.attrs["weight_names"] = np.array([np.bytes_(name + "/kernel:0"), np.bytes_(name + "/bias:0")])
            lg.create_dataset(name + "/kernel:0", data=w)
            lg.create_dataset(name + "/bias:0", data=b)


def new_weights(k):
    return (rng.normal(0, 0.8, (N_IN, k)).astype(np.float32), rng.normal(0, 0.5, k).astype(np.float32))


# ---- score and its gradient by central differences ------------------------------------------------
def score(outputs, weights, x):
    """outputs: list of (layer name, activation, Keras loss name, targets); the sum of their batch means."""
    total = 0.0
    for name, activation, loss, y in outputs:
        w, b = weights[name]
        p = ACTIVATIONS[activation](x @ w + b)
        total += np.mean(KERAS[ALIASES.get(loss, loss)](y, p))
    return total


def gradients(outputs, weights, x, h=1e-6):
    grads = {}
    for name, (w, b) in weights.items():
        gs = []
        for arr in (w, b):
            g = np.zeros(arr.shape)
            for idx in np.ndindex(arr.shape):
                def at(v):
                    moved = {n: tuple(a.astype(np.float64) for a in wb) for n, wb in weights.items()}
                    target = moved[name][0 if arr is w else 1]
                    target[idx] = v
                    return score(outputs, moved, x)
                g[idx] = (at(float(arr[idx]) + h) - at(float(arr[idx]) - h)) / (2 * h)
            gs.append(g.tolist())
        grads[name] = {"kernel": gs[0], "bias": gs[1]}
    return grads


def case(name, kind, loss, activation, target_kind, k=3, loss_in_file=None):
    """A Sequential model Dense(4 -> k, activation) compiled with `loss`."""
    layer = "dense_1"
    weights = {layer: new_weights(k)}
    x = rng.normal(0, 1, (N, N_IN)).astype(np.float32)
    y = targets(target_kind, k)
    model = {"class_name": "Sequential",
             "config": {"name": "sequential_1", "layers": [
                 {"class_name": "Dense", "config": dense_config(layer, k, activation, N_IN)}]}}
    write_h5(name + ".h5", model, loss_in_file or loss, weights)
    outputs = [(layer, activation, loss, y.astype(np.float32).astype(np.float64))]
    return {"file": name + ".h5", "kind": kind, "loss": loss, "x": x.tolist(), "y": {layer: y.tolist()},
            "score": score(outputs, weights, x.astype(np.float64)), "gradients": gradients(outputs, weights, x)}


def functional(name, outs, loss_in_file):
    """A functional model input(4) -> one Dense per output; outs: list of (layer, k, activation, loss, targets)."""
    weights = {n: new_weights(k) for n, k, _, _, _ in outs}
    x = rng.normal(0, 1, (N, N_IN)).astype(np.float32)
    ys = {n: targets(t, k) for n, k, _, _, t in outs}
    layers = [{"name": "input_1", "class_name": "InputLayer", "inbound_nodes": [],
               "config": {"batch_input_shape": [None, N_IN], "dtype": "float32", "sparse": False, "name": "input_1"}}]
    for n, k, act, _, _ in outs:
        layers.append({"name": n, "class_name": "Dense", "config": dense_config(n, k, act),
                       "inbound_nodes": [[["input_1", 0, 0, {}]]]})
    model = {"class_name": "Model", "config": {"name": "model_1", "layers": layers,
                                               "input_layers": [["input_1", 0, 0]],
                                               "output_layers": [[n, 0, 0] for n, _, _, _, _ in outs]}}
    write_h5(name + ".h5", model, loss_in_file, weights)
    outputs = [(n, act, loss, ys[n].astype(np.float32).astype(np.float64)) for n, _, act, loss, _ in outs]
    return {"file": name + ".h5", "kind": "functional", "loss": loss_in_file, "x": x.tolist(),
            "y": {n: v.tolist() for n, v in ys.items()}, "outputs": [n for n, _, _, _, _ in outs],
            "score": score(outputs, weights, x.astype(np.float64)), "gradients": gradients(outputs, weights, x)}


CASES = [
    case("mse", "sequential", "mse", "linear", "real"),
    case("mean_absolute_error", "sequential", "mean_absolute_error", "linear", "real"),
    case("mape", "sequential", "mape", "linear", "nonzero"),
    case("msle", "sequential", "msle", "softplus", "positive"),
    case("huber", "sequential", "huber", "linear", "real", k=4),
    case("huber_loss", "sequential", "huber_loss", "linear", "real"),
    case("log_cosh", "sequential", "log_cosh", "linear", "real", k=4),
    case("logcosh", "sequential", "logcosh", "linear", "real"),
    case("poisson", "sequential", "poisson", "softplus", "counts"),
    case("binary_crossentropy", "sequential", "binary_crossentropy", "sigmoid", "binary"),
    case("bce", "sequential", "bce", "sigmoid", "binary"),
    case("binary_focal_crossentropy", "sequential", "binary_focal_crossentropy", "sigmoid", "binary"),
    case("hinge_binary_labels", "sequential", "hinge", "tanh", "binary"),
    case("hinge_sign_labels", "sequential", "hinge", "linear", "signs"),
    case("squared_hinge", "sequential", "squared_hinge", "linear", "signs"),
    case("squared_hinge_binary_labels", "sequential", "squared_hinge", "tanh", "binary"),
    case("categorical_hinge", "sequential", "categorical_hinge", "linear", "onehot", k=4),
    case("categorical_crossentropy", "sequential", "categorical_crossentropy", "softmax", "onehot"),
    case("categorical_focal_crossentropy", "sequential", "categorical_focal_crossentropy", "softmax", "onehot"),
    case("sparse_categorical_crossentropy", "sequential", "sparse_categorical_crossentropy", "softmax", "index"),
    case("kl_divergence", "sequential", "kl_divergence", "softmax", "distribution"),
    case("kld", "sequential", "kld", "softmax", "distribution"),
    case("kullback_leibler_divergence", "sequential", "kullback_leibler_divergence", "softmax", "distribution"),
    case("cosine_similarity", "sequential", "cosine_similarity", "linear", "real", k=4),
    case("cosine_proximity", "sequential", "cosine_proximity", "linear", "real"),
    # tf.keras writes a loss object as {"class_name", "config"}; DL4J reads its config.name
    case("huber_object", "sequential", "huber", "linear", "real",
         loss_in_file={"class_name": "Huber", "config": {"reduction": "auto", "name": "huber_loss", "delta": 1.0}}),
    functional("functional_two_outputs", [("out_a", 3, "softplus", "poisson", "counts"),
                                          ("out_b", 2, "linear", "huber", "real")],
               {"out_a": "poisson", "out_b": "huber"}),
    functional("functional_binary_crossentropy", [("out", 3, "sigmoid", "binary_crossentropy", "binary")],
               "binary_crossentropy"),
    case("huber_object_delta", "sequential", "huber_delta_2", "linear", "real",
         loss_in_file={"class_name": "Huber", "config": {"reduction": "auto", "name": "huber_loss", "delta": 2.0}}),
    case("binary_crossentropy_object_from_logits", "sequential", "binary_crossentropy_from_logits_smoothed", "linear",
         "binary", loss_in_file={"class_name": "BinaryCrossentropy",
                                 "config": {"reduction": "auto", "name": "binary_crossentropy", "from_logits": True,
                                            "label_smoothing": 0.1}}),
    case("binary_focal_object_gamma_3", "sequential", "binary_focal_crossentropy_gamma_3", "sigmoid", "binary",
         loss_in_file={"class_name": "BinaryFocalCrossentropy",
                       "config": {"reduction": "auto", "name": "binary_focal_crossentropy", "gamma": 3.0,
                                  "alpha": 0.25, "apply_class_balancing": False, "from_logits": False}}),
    # an option UnigradKeras cannot honour: Keras's reduction "sum" (over the batch, where DL4J averages)
    case("mse_object_reduction_sum", "unsupported", "mse", "linear", "real",
         loss_in_file={"class_name": "MeanSquaredError", "config": {"reduction": "sum", "name": "mean_squared_error"}}),
]

if __name__ == "__main__":
    with open("expected.json", "w") as f:
        json.dump({c["file"][:-3]: c for c in CASES}, f, indent=1)
        f.write("\n")
    print("wrote", len(CASES), "models and expected.json")
