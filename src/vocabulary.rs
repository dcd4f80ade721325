//! Class/id/role vocabulary of boilerplate and content, one table per category.
