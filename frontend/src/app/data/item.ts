/** An item and a page of items, as the contract defines them. */
export interface Item {
  id: string;
  owner: string;
  title: string;
  body: string;
  visibility: 'private' | 'public';
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ItemFields {
  title: string;
  body: string;
  visibility: 'private' | 'public';
}

export interface Page<T> {
  content: T[];
  page: { number: number; size: number; totalElements: number; totalPages: number };
}
