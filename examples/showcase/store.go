package main

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Book is one book of the reading list.
type Book struct {
	ID     int64     `json:"id"`
	Title  string    `json:"title"`
	Author string    `json:"author"`
	Read   bool      `json:"read"`
	Added  time.Time `json:"added"`
}

// Stats summarise the list.
type Stats struct{ Total, Read int }

// Store keeps the reading list in a SQLite file.
type Store struct{ db *sql.DB }

// ErrNoBook is returned for an id that no book has.
var ErrNoBook = errors.New("no such book")

// OpenStore opens (and on first use creates and seeds) the database at path.
func OpenStore(path string) (*Store, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db}
	if err := s.init(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) init() error {
	if _, err := s.db.Exec(`CREATE TABLE IF NOT EXISTS books (
		id     INTEGER PRIMARY KEY,
		title  TEXT NOT NULL,
		author TEXT NOT NULL,
		read   INTEGER NOT NULL DEFAULT 0,
		added  INTEGER NOT NULL
	)`); err != nil {
		return err
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM books`).Scan(&n); err != nil || n > 0 {
		return err
	}
	ctx := context.Background()
	for _, b := range [][2]string{
		{"The Go Programming Language", "Alan Donovan and Brian Kernighan"},
		{"Dune", "Frank Herbert"},
		{"The Left Hand of Darkness", "Ursula K. Le Guin"},
	} {
		if _, err := s.Add(ctx, b[0], b[1]); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Add adds a book and returns its id.
func (s *Store) Add(ctx context.Context, title, author string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO books (title, author, added) VALUES (?, ?, ?)`, title, author, time.Now().UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// List returns the books whose title or author contains q (all for ""),
// in the order they were added.
func (s *Store) List(ctx context.Context, q string) ([]Book, error) {
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, author, read, added FROM books
		WHERE title LIKE ?1 ESCAPE '\' OR author LIKE ?1 ESCAPE '\' ORDER BY id`, like)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Book{}
	for rows.Next() {
		b, err := scanBook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// Get returns the book id, or ErrNoBook.
func (s *Store) Get(ctx context.Context, id int64) (Book, error) {
	b, err := scanBook(s.db.QueryRowContext(ctx, `SELECT id, title, author, read, added FROM books WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Book{}, ErrNoBook
	}
	return b, err
}

func scanBook(row interface{ Scan(...any) error }) (Book, error) {
	var b Book
	var added int64
	err := row.Scan(&b.ID, &b.Title, &b.Author, &b.Read, &added)
	b.Added = time.UnixMilli(added)
	return b, err
}

// SetRead marks the book read or unread.
func (s *Store) SetRead(ctx context.Context, id int64, read bool) error {
	res, err := s.db.ExecContext(ctx, `UPDATE books SET read = ? WHERE id = ?`, read, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoBook
	}
	return nil
}

// Delete removes the book.
func (s *Store) Delete(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM books WHERE id = ?`, id)
	return err
}

// Stats counts the books.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(read), 0) FROM books`).Scan(&st.Total, &st.Read)
	return st, err
}
