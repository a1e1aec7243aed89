import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { Item, Page } from './item';

@Injectable({ providedIn: 'root' })
export class DataService {
  private readonly http = inject(HttpClient);

  publicItems(page = 0): Observable<Page<Item>> {
    return this.http.get<Page<Item>>('/api/public-data', { params: new HttpParams().set('page', page) });
  }

  myItems(page = 0): Observable<Page<Item>> {
    return this.http.get<Page<Item>>('/api/protected-data', { params: new HttpParams().set('page', page) });
  }
}
