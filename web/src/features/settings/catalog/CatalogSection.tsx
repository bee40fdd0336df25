import { useState } from 'react';
import { EntriesCard } from './EntriesCard';
import { PriceBooksCard } from './PriceBooksCard';
import type { PriceBook } from './PriceBooksCard';
import { PriceCheckCard } from './PriceCheckCard';
import { ProductsCard } from './ProductsCard';

/**
 * Settings → Products & price books (docs/l2c/catalog.md): the catalogue quotes price from,
 * each book's prices with volume tiers, and a price check showing which book a buyer gets.
 */
export default function CatalogSection() {
  const [book, setBook] = useState<PriceBook | null>(null);
  return (
    <>
      <ProductsCard />
      <PriceBooksCard selected={book?.id ?? null} onSelect={setBook} />
      {book && <EntriesCard key={book.id} book={book} />}
      <PriceCheckCard />
    </>
  );
}
