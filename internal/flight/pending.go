package flight

// Pending reports whether rows are still to come after what Encode
// returned: boundaries written as lazy references or promises not yet
// settled, whose rows EncodeLazy and EncodePromise write later. When it
// is false, the answer is complete.
func (e *Encoder) Pending() bool { return len(e.lazies) > 0 || len(e.promises) > 0 }
