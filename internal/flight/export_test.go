package flight

// NewUnpooledEncoder is NewEncoderWith without the pool: an Encoder that
// never wrote anything.
func NewUnpooledEncoder(r Resolver, opts Options) *Encoder {
	e := new(Encoder)
	e.init(r, opts)
	return e
}

// Reuse empties e as Release does, and readies it again, without the pool.
func (e *Encoder) Reuse(r Resolver, opts Options) {
	e.reset()
	e.init(r, opts)
}
