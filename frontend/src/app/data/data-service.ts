import { HttpClient, HttpParams, HttpResourceRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { Item, ItemFields, Page } from './item';

const PAGE_SIZE = 5;

@Injectable({ providedIn: 'root' })
export class DataService {
  private readonly http = inject(HttpClient);

  /** The request for one page of public items, for an httpResource that loads again when the page changes. */
  publicItems(page: number): HttpResourceRequest {
    return { url: '/api/public-data', params: params(page) };
  }

  myItems(page: number): Observable<Page<Item>> {
    return this.http.get<Page<Item>>('/api/protected-data', { params: params(page) });
  }

  create(fields: ItemFields): Observable<Item> {
    return this.http.post<Item>('/api/protected-data', fields);
  }

  update(item: Item, fields: ItemFields): Observable<Item> {
    return this.http.put<Item>(`/api/protected-data/${item.id}`, { ...fields, version: item.version });
  }

  delete(item: Item): Observable<void> {
    return this.http.delete<void>(`/api/protected-data/${item.id}`);
  }
}

function params(page: number): HttpParams {
  return new HttpParams().set('page', page).set('size', PAGE_SIZE).set('sort', 'updatedAt,desc');
}
