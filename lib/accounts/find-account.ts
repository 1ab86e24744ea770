import { db } from "@/lib/db";

export function findAccountBySlug(slug: string) {
  return db.account.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}

export function findAccountById(id: string) {
  return db.account.findUnique({ where: { id }, select: { id: true, slug: true, name: true } });
}
