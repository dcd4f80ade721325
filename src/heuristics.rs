//! Every threshold the classifier uses, named, with what it guards against.
//! Constants under one heading were tuned together on the benchmarks: retune as a set.
