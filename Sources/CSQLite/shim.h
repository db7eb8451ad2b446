#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: tells SQLite to copy bound data.
static inline sqlite3_destructor_type bifrost_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
