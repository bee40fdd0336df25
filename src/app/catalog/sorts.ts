/** The sort keys of the catalogue's lists, for the services and the API's enums. */
export { productSorts } from '../../store/products.repo.js';
export { priceBookSorts, entrySorts } from '../../store/price-books.repo.js';
