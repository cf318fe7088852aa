package main

import (
	"context"
	"strconv"
	"time"

	"github.com/gorsc/gorsc"
)

// The pages read the store through gorsc's data cache, tagged "books":
// an action that changes a book calls gorsc.UpdateTag(ctx, "books"), so
// its own answer shows the change at once (read-your-own-writes), and so
// does every instance that shares the cache (-redis): several instances
// over one database file never serve each other's stale lists.
var (
	listBooks = gorsc.CachedBy("showcase.list", func(ctx context.Context, q string) ([]Book, error) {
		return books.List(ctx, q)
	}, gorsc.CacheTags("books"), gorsc.CacheLife(time.Minute, time.Hour))

	getBook = gorsc.CachedBy("showcase.book", func(ctx context.Context, id int64) (Book, error) {
		gorsc.AddCacheTags(ctx, "book:"+strconv.FormatInt(id, 10))
		return books.Get(ctx, id)
	}, gorsc.CacheTags("books"), gorsc.CacheLife(time.Minute, time.Hour))

	bookStats = gorsc.Cached("showcase.stats", func(ctx context.Context) (Stats, error) {
		return books.Stats(ctx)
	}, gorsc.CacheTags("books"), gorsc.CacheLife(time.Minute, time.Hour))
)

// booksChanged is what every action that writes calls: the cached reads
// expire now, here and on every instance sharing the cache.
func booksChanged(ctx context.Context) { gorsc.UpdateTag(ctx, "books") }
